"""Every router of the API, with the path it is mounted at (one line each)."""

from trellis.api.routers import initiatives, insights, roster, rounds, tokens

ROUTERS = [
    ("/tokens", tokens.router),
    ("/initiatives", initiatives.router),
    ("/volunteers", initiatives.volunteers_router),
    ("/contributions", initiatives.contributions_router),
    ("/observations", initiatives.observations_router),
    ("/rounds", rounds.router),
    ("/roster", roster.router),
    ("/insights", insights.router),
]

# Operations that receive a file, by URL name, with the setting that bounds it: the request
# size middleware lets their bodies be that large (every other body stays small).
UPLOADS = {
    roster.IMPORT_URL_NAME: "ROSTER_MAX_BYTES",
}
