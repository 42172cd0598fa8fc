"""Every router of the API, with the path it is mounted at (one line each)."""

from trellis.api.routers import (
    community,
    intros,
    people,
    reflections,
    relationships,
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
]
