"""Tests of the Arabic pack."""
