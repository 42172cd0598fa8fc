"""The single sign-on settings, checked once at start-up (trellis/settings.py).

Pure: no Django, no network. Every problem is an EnvError naming the variable, so a
deployment with SSO half-configured stops at start-up instead of failing at the first
sign-in.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from trellis.env import EnvError

DEFAULT_BUTTON_LABEL = "Sign in with single sign-on"
MAX_BUTTON_LABEL = 60
MAX_HELP_CONTACT = 200
DEFAULT_VERIFIED_CLAIM = "email_verified"
# A claim's name as providers spell them ("email_verified", "xms_edov").
CLAIM_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_.:-]{0,63}$")
DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
LOOPBACK_NAMES = {"localhost"}


@dataclass(frozen=True)
class SsoSettings:
    """Single sign-on as configured: off unless `enabled`."""

    enabled: bool = False
    issuer: str = ""
    client_id: str = ""
    # Kept out of the repr, so a settings dump (a debug page, a log) never shows it.
    client_secret: str = field(default="", repr=False)
    allowed_domains: tuple[str, ...] = ()
    only: bool = False
    self_sign_up: bool = False
    button_label: str = DEFAULT_BUTTON_LABEL
    help_contact: str = ""
    # The claim whose true value says the provider verified the e-mail address.
    verified_claim: str = DEFAULT_VERIFIED_CLAIM

    @property
    def form_action(self) -> list[str]:
        """The provider's origin, for the CSP `form-action` of a page with the sign-in
        button: its POST is answered by a redirect to the provider, and browsers hold a
        form's redirects to that directive too."""
        if not self.enabled:
            return []
        parts = urlsplit(self.issuer)
        return [f"{parts.scheme}://{parts.netloc}"]


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_issuer(issuer: str) -> str:
    """An https address (http only on loopback, for tests), without query or fragment."""
    parts = urlsplit(issuer)
    if parts.scheme not in {"https", "http"} or not parts.hostname:
        raise EnvError(
            f"TRELLIS_SSO_ISSUER={issuer!r} is not an address; use the issuer your identity "
            "provider publishes, e.g. https://login.example.org/realms/staff."
        )
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise EnvError(
            f"TRELLIS_SSO_ISSUER={issuer!r} must use https (http is allowed only on "
            "127.0.0.1 or localhost, for tests)."
        )
    if parts.query or parts.fragment:
        raise EnvError(f"TRELLIS_SSO_ISSUER={issuer!r} must not have a query or fragment.")
    return issuer


def check_domains(domains: list[str]) -> tuple[str, ...]:
    cleaned = tuple(domain.strip().lower().lstrip("@") for domain in domains)
    bad = [domain for domain in cleaned if not DOMAIN.match(domain)]
    if bad:
        raise EnvError(
            f"TRELLIS_SSO_ALLOWED_DOMAINS: {', '.join(map(repr, bad))} is not a domain; "
            "list domains separated by commas, e.g. example.org,lab.example.org."
        )
    return cleaned


def check_button_label(label: str) -> str:
    if len(label) > MAX_BUTTON_LABEL or any(ch in label for ch in "\r\n\t"):
        raise EnvError(
            f"TRELLIS_SSO_BUTTON_LABEL must be one line of at most {MAX_BUTTON_LABEL} "
            "characters, e.g. “Sign in with Okta”."
        )
    return label


def check_help_contact(contact: str) -> str:
    if len(contact) > MAX_HELP_CONTACT or any(ch in contact for ch in "\r\n\t"):
        raise EnvError(
            f"TRELLIS_SSO_HELP_CONTACT must be one line of at most {MAX_HELP_CONTACT} "
            "characters, e.g. “the People team, people@example.org”."
        )
    return contact


def check_verified_claim(name: str) -> str:
    if not CLAIM_NAME.match(name):
        raise EnvError(
            f"TRELLIS_SSO_VERIFIED_EMAIL_CLAIM={name!r} is not a claim's name; use the claim "
            "that says the provider verified the address, e.g. email_verified (Microsoft "
            "Entra ID: xms_edov)."
        )
    return name


def _refuse_without_sso(**switches: bool) -> None:
    for name, value in switches.items():
        if value:
            raise EnvError(f"{name} needs TRELLIS_SSO_ENABLED=true (single sign-on is off).")


def check_sso_settings(
    *,
    enabled: bool,
    issuer: str,
    client_id: str,
    client_secret: str,
    allowed_domains: list[str],
    only: bool,
    self_sign_up: bool,
    button_label: str,
    help_contact: str = "",
    verified_claim: str = DEFAULT_VERIFIED_CLAIM,
) -> SsoSettings:
    """The settings as given, or an EnvError naming the first variable that is wrong."""
    if not enabled:
        # "SSO only" without SSO would leave nobody any way in.
        _refuse_without_sso(TRELLIS_SSO_ONLY=only, TRELLIS_SSO_SELF_SIGN_UP=self_sign_up)
        return SsoSettings()
    required = {
        "TRELLIS_SSO_ISSUER": issuer,
        "TRELLIS_SSO_CLIENT_ID": client_id,
        "TRELLIS_SSO_CLIENT_SECRET": client_secret,
    }
    for name, value in required.items():
        if not value:
            raise EnvError(f"{name} is required when TRELLIS_SSO_ENABLED is true.")
    return SsoSettings(
        enabled=True,
        issuer=check_issuer(issuer),
        client_id=client_id,
        client_secret=client_secret,
        allowed_domains=check_domains(allowed_domains),
        only=only,
        self_sign_up=self_sign_up,
        button_label=check_button_label(button_label),
        help_contact=check_help_contact(help_contact),
        verified_claim=check_verified_claim(verified_claim),
    )
