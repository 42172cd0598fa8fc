"""Who a verified ID token is: the linked login, the imported member it links to, a
new member (self-sign-up), or a clear refusal.

Everything is checked before anything is written, and the writes (the link, a new
member) happen in one transaction, so a refusal leaves the database as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import TextChoices
from django.utils import timezone

from trellis.accounts.models import User
from trellis.integrations.sso.models import SsoIdentity
from trellis.people.models import Member
from trellis.people.services import member_create
from trellis.text import limits


class Refusal(TextChoices):
    """Why someone the provider vouched for may not come in (each has its own page)."""

    NOT_ADDED = "not_added", "not on the roster"
    UNVERIFIED = "unverified", "e-mail not verified by the provider"
    DOMAIN = "domain", "e-mail domain not allowed"
    LEFT = "left", "member has left"
    INACTIVE = "inactive", "login deactivated"
    LINKED_ELSEWHERE = "linked_elsewhere", "login linked to another identity"


class SsoRefused(Exception):
    """The provider signed the person in, and Trellis says no, for `reason`."""

    def __init__(self, reason: Refusal, *, email: str) -> None:
        super().__init__(f"{reason.label}: {email}")
        self.reason = reason
        self.email = email


@dataclass(frozen=True)
class ProviderClaims:
    """What Trellis uses of the ID token and the userinfo answer."""

    subject: str
    email: str
    email_verified: bool
    name: str

    @classmethod
    def from_provider(
        cls,
        *,
        id_token: dict[str, Any],
        userinfo: dict[str, Any],
        verified_claim: str = "email_verified",
    ) -> ProviderClaims:
        """The userinfo answer's claims, else the ID token's; the subject is the token's.

        `verified_claim` names the claim that says the address is verified: OpenID's
        `email_verified`, or a provider's own where it sends none (Entra ID's `xms_edov`).
        """

        def claim(name: str) -> Any:
            return userinfo.get(name, id_token.get(name))

        verified = claim(verified_claim)
        return cls(
            subject=str(id_token["sub"]),
            email=str(claim("email") or "").strip().lower(),
            # Some providers (Amazon Cognito) send the string "true".
            email_verified=verified is True or str(verified).lower() == "true",
            name=" ".join(str(claim("name") or "").split())[: limits.DISPLAY_NAME],
        )


def domain_allowed(email: str, *, allowed_domains: tuple[str, ...]) -> bool:
    if not allowed_domains:
        return True
    return email.rpartition("@")[2] in allowed_domains


def _check_may_enter(user: User, *, email: str) -> None:
    if not user.is_active:
        raise SsoRefused(Refusal.INACTIVE, email=email)
    member = Member.objects.filter(user=user).only("status").first()
    if member is not None and member.status == Member.Status.LEFT:
        raise SsoRefused(Refusal.LEFT, email=email)


def _linked_user(*, issuer: str, claims: ProviderClaims) -> User | None:
    identity = (
        SsoIdentity.objects.select_related("user")
        .filter(issuer=issuer, subject=claims.subject)
        .first()
    )
    if identity is None:
        return None
    _check_may_enter(identity.user, email=claims.email or identity.user.email)
    identity.last_signed_in_at = timezone.now()
    identity.save(update_fields=["last_signed_in_at"])
    return identity.user


def _new_member(claims: ProviderClaims) -> User:
    """Self-sign-up: a member with no password, named as the provider names them."""
    name = claims.name or claims.email.partition("@")[0]
    return member_create(email=claims.email, display_name=name, password=None).user


@transaction.atomic
def sso_user_for(
    *, issuer: str, claims: ProviderClaims, allowed_domains: tuple[str, ...], self_sign_up: bool
) -> User:
    """The login the provider's `claims` sign in, linking it on the first sign-in.

    Later sign-ins find the login by (issuer, subject), whatever the e-mail is now. A
    first sign-in needs a verified e-mail, which must belong to an imported member (or,
    with self-sign-up, to nobody yet). Raises SsoRefused, having written nothing.
    """
    if not domain_allowed(claims.email, allowed_domains=allowed_domains):
        raise SsoRefused(Refusal.DOMAIN, email=claims.email)
    linked = _linked_user(issuer=issuer, claims=claims)
    if linked is not None:
        return linked
    if not claims.email or not claims.email_verified:
        raise SsoRefused(Refusal.UNVERIFIED, email=claims.email)
    user = User.objects.filter(email__iexact=claims.email).first()
    if user is None and not self_sign_up:
        raise SsoRefused(Refusal.NOT_ADDED, email=claims.email)
    if user is not None:
        _check_may_enter(user, email=claims.email)
        if SsoIdentity.objects.filter(user=user, issuer=issuer).exists():
            raise SsoRefused(Refusal.LINKED_ELSEWHERE, email=claims.email)
    else:
        user = _new_member(claims)
    identity = SsoIdentity(user=user, issuer=issuer, subject=claims.subject)
    identity.full_clean()
    identity.save()
    return user
