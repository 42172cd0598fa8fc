"""Pages and writes that combine areas: the member's home, profiles, topic pages and the
intro composer. It sits above community, connections, initiatives and matching, which
never import each other; only the demo and the project's URLs sit above it."""
