"""The OpenID Connect authentication backend: mozilla-django-oidc's code flow, with the
ID token checked in full and the person resolved by trellis/integrations/sso/services.py.

mozilla-django-oidc verifies the signature (with the provider's JWKS), the nonce and,
with PKCE, sends the code verifier; it leaves `aud` and `iss` unchecked and `exp`
optional. Here every ID token must be RS256, for our client id (`aud`, and `azp` when
there are several audiences), from the configured issuer, and not expired.
"""

from __future__ import annotations

from typing import Any

import jwt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from trellis.integrations.sso.discovery import ProviderEndpoints, provider_endpoints
from trellis.integrations.sso.services import ProviderClaims, sso_user_for

ALGORITHM = "RS256"
LEEWAY_SECONDS = 30  # clock skew between Trellis and the provider
REQUIRED_CLAIMS = ["iss", "aud", "sub", "exp", "iat"]


class TokenRefused(SuspiciousOperation):
    """An ID token that fails a check: refused, and nobody is signed in."""


def verified_id_token(token: str, *, key: Any, issuer: str, client_id: str) -> dict[str, Any]:
    """The claims of `token` once its signature, issuer, audience and expiry hold."""
    try:
        algorithm = jwt.get_unverified_header(token).get("alg")
        if algorithm != ALGORITHM:
            raise TokenRefused(f"ID token signed with {algorithm!r}, not {ALGORITHM}")
        claims = jwt.decode(
            token,
            key,
            algorithms=[ALGORITHM],
            audience=client_id,
            issuer=issuer,
            leeway=LEEWAY_SECONDS,
            options={"require": REQUIRED_CLAIMS},
        )
    except jwt.PyJWTError as error:
        raise TokenRefused(f"ID token refused: {error}") from None
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    if len(audiences) > 1 and claims.get("azp") != client_id:
        raise TokenRefused("ID token for several audiences, not authorised for this client")
    return claims


class SsoBackend(OIDCAuthenticationBackend):
    """Answers only the OpenID Connect callback (it alone passes a `nonce`)."""

    def __init__(self, *args, **kwargs) -> None:
        # Built for every sign-in, password ones too: read no endpoint here (that would
        # need the network); `authenticate` fills them in when the callback calls.
        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        if request is None or "nonce" not in kwargs or not settings.SSO.enabled:
            return None
        self.use_provider(provider_endpoints())
        return super().authenticate(request, **kwargs)

    def use_provider(self, endpoints: ProviderEndpoints) -> None:
        """What the library reads from settings at construction, from discovery instead."""
        self.OIDC_OP_TOKEN_ENDPOINT = endpoints.token_endpoint
        self.OIDC_OP_USER_ENDPOINT = endpoints.userinfo_endpoint
        self.OIDC_OP_JWKS_ENDPOINT = endpoints.jwks_uri
        self.OIDC_RP_CLIENT_ID = settings.SSO.client_id
        self.OIDC_RP_CLIENT_SECRET = settings.SSO.client_secret
        self.OIDC_RP_SIGN_ALGO = ALGORITHM
        self.OIDC_RP_IDP_SIGN_KEY = None

    def _verify_jws(self, payload, key):
        return verified_id_token(
            payload, key=key, issuer=settings.SSO.issuer, client_id=settings.SSO.client_id
        )

    def retrieve_matching_jwk(self, token):
        try:
            return super().retrieve_matching_jwk(token)
        except (jwt.PyJWTError, KeyError) as error:
            raise TokenRefused(f"ID token refused: {error!r}") from None

    def get_or_create_user(self, access_token, id_token, payload):
        userinfo = self.get_userinfo(access_token, id_token, payload)
        if str(userinfo.get("sub")) != str(payload["sub"]):
            # OpenID Connect Core 5.3.2: the userinfo answer must be about the token's subject.
            raise TokenRefused("the userinfo answer is about another subject")
        claims = ProviderClaims.from_provider(
            id_token=payload, userinfo=userinfo, verified_claim=settings.SSO.verified_claim
        )
        return sso_user_for(
            issuer=settings.SSO.issuer,
            claims=claims,
            allowed_domains=settings.SSO.allowed_domains,
            self_sign_up=settings.SSO.self_sign_up,
        )

    def get_user(self, user_id):
        # Django's rule, not the library's: a deactivated login's session ends.
        return ModelBackend.get_user(self, user_id)
