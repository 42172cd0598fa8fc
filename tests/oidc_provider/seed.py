"""Who and what the test provider knows: its users and the two client applications.

Constants only at import (the fixture and the tests read them without Django set up
for the provider); `seed()` writes them into the provider's own database.
"""

PASSWORD = "provider password 1"
CLIENT_ID = "trellis"
CLIENT_SECRET = "trellis-client-secret-for-tests-only"
OTHER_CLIENT_ID = "another-app"
OTHER_CLIENT_SECRET = "another-app-secret-for-tests-only"
# Trellis under test: pytest-django's live server (any port) and the test client.
REDIRECT_URIS = "http://localhost/sso/callback/ http://testserver/sso/callback/"
# username -> (e-mail, full name); "unverified…" users have an unverified address.
USERS = {
    "ana": ("ana@example.org", "Ana Lima"),
    "stranger": ("stranger@example.org", "Sam Stranger"),
    "outsider": ("outsider@elsewhere.test", "Olu Outsider"),
    "leaver": ("leaver@example.org", "Lee Leaver"),
    "unverified": ("unverified@example.org", "Uma Unverified"),
    "newcomer": ("newcomer@example.org", "Nia Newcomer"),
}


def seed() -> None:
    from django.contrib.auth.models import User
    from oauth2_provider.models import Application

    for username, (email, name) in USERS.items():
        first, _, last = name.partition(" ")
        User.objects.create_user(
            username, email=email, password=PASSWORD, first_name=first, last_name=last
        )
    for client_id, secret, name in (
        (CLIENT_ID, CLIENT_SECRET, "Trellis"),
        (OTHER_CLIENT_ID, OTHER_CLIENT_SECRET, "Another app"),
    ):
        Application.objects.create(
            name=name,
            client_id=client_id,
            client_secret=secret,
            client_type=Application.CLIENT_CONFIDENTIAL,
            authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
            algorithm=Application.RS256_ALGORITHM,
            redirect_uris=REDIRECT_URIS,
            post_logout_redirect_uris=REDIRECT_URIS.replace("sso/callback/", "accounts/sign-in/"),
            skip_authorization=False,  # the consent page is part of the journey
        )
