"""Single sign-on with OpenID Connect (issue 17, part 1), on mozilla-django-oidc.

`config` checks the settings at start-up, `discovery` reads the provider's endpoints on
the first sign-in (never at start-up), `backends` verifies the ID token and hands its
claims to `services`, which links the login to the imported member by verified e-mail
once and by the provider's subject afterwards.
"""
