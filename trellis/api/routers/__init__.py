"""Every router of the API, with the path it is mounted at (one line each)."""

from trellis.api.routers import tokens

ROUTERS = [
    ("/tokens", tokens.router),
]
