"""Shared web helpers any app may use: htmx, forms, admin, charts, the plumbing of the apps' bulk
writers, and `trellis serve`. It imports no Trellis app."""
