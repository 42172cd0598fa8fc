"""Trellis: a self-hostable mentorship network."""
