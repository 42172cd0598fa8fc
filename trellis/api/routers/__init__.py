"""Every router of the API, with the path it is mounted at (one line each)."""

from trellis.api.routers import community, people, tokens

ROUTERS = [
    ("/tokens", tokens.router),
    ("/me", people.me),
    ("/members", people.members),
    ("/topics", people.topics),
    ("/posts", community.posts),
    ("/replies", community.replies),
]
