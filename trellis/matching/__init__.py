"""Matching: rounds, suggestions and recommendations (Django side) over `engine/`."""
