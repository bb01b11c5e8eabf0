"""Tests of the Italian pack."""
