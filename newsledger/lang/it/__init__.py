"""The Italian language pack: its facts are in pack.json next to this file."""
