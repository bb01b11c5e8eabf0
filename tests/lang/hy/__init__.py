"""Tests of the Armenian pack."""
