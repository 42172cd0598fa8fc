"""Every router of the API, with the path it is mounted at (one line each)."""

from trellis.api.routers import initiatives, rounds, tokens

ROUTERS = [
    ("/tokens", tokens.router),
    ("/initiatives", initiatives.router),
    ("/volunteers", initiatives.volunteers_router),
    ("/contributions", initiatives.contributions_router),
    ("/observations", initiatives.observations_router),
    ("/rounds", rounds.router),
]
