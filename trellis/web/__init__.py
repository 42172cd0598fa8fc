"""Shared view helpers: htmx, forms, pagination, charts."""
