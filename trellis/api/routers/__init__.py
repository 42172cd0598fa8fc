"""Every router of the API, with the path it is mounted at (one line each)."""

from trellis.api.routers import (
    community,
    initiatives,
    insights,
    intros,
    people,
    reflections,
    relationships,
    roster,
    rounds,
    suggestions,
    tokens,
)

ROUTERS = [
    ("/tokens", tokens.router),
    ("/me", people.me),
    ("/members", people.members),
    ("/topics", people.topics),
    ("/posts", community.posts),
    ("/replies", community.replies),
    ("/suggestions", suggestions.suggestions_router),
    ("/recommendations", suggestions.recommendations_router),
    ("/helpers", suggestions.helpers_router),
    ("/intros", intros.router),
    ("/relationships", relationships.router),
    ("/reflections", reflections.router),
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
