"""The claims the test provider gives: e-mail, whether it is verified, and the name.

A user whose username starts with "unverified" has an address the provider has not
verified (`email_verified: false`), so a test can be refused for it.
"""

from oauth2_provider.oauth2_validators import OAuth2Validator


class ClaimsValidator(OAuth2Validator):
    oidc_claim_scope = {
        **OAuth2Validator.oidc_claim_scope,
        "email": "email",
        "email_verified": "email",
        "name": "profile",
    }

    def get_additional_claims(self, request):
        user = request.user
        return {
            "email": user.email,
            "email_verified": not user.username.startswith("unverified"),
            "name": user.get_full_name() or user.username,
        }
