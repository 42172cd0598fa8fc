"""Shared web helpers any app may use: htmx, forms, admin, charts. It imports no Trellis app."""
