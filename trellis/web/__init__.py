"""Shared web helpers any app may use: htmx, forms, admin, charts, and `trellis serve`.
It imports no Trellis app."""
