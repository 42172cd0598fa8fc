"""A real OpenID provider for the single sign-on tests: django-oauth-toolkit with OpenID
Connect on, as a tiny Django project of its own, started in a separate process on
127.0.0.1 by `fixture.oidc_provider` (see serve.py)."""
