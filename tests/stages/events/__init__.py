"""Events stage: figures, triggers and merging across languages."""
