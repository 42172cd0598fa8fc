"""Every router of the API, with the path it is mounted at (one line each)."""

from trellis.api.routers import intros, reflections, relationships, suggestions, tokens

ROUTERS = [
    ("/tokens", tokens.router),
    ("/suggestions", suggestions.suggestions_router),
    ("/recommendations", suggestions.recommendations_router),
    ("/helpers", suggestions.helpers_router),
    ("/intros", intros.router),
    ("/relationships", relationships.router),
    ("/reflections", reflections.router),
]
