"""Tests of the Portuguese pack."""
