"""One member's digest as an e-mail: plain text and inline-styled HTML, with the one-click
unsubscribe headers of RFC 8058 and RFC 2369."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from trellis.integrations.digest.selectors import Digest
from trellis.integrations.digest.tokens import unsubscribe_token
from trellis.text.characters import flattened

SUBJECT_LENGTH = 120


def unsubscribe_url(*, member_id: int) -> str:
    """The absolute one-click unsubscribe address of `member_id`."""
    token = unsubscribe_token(member_id=member_id)
    return f"{settings.SITE_URL}{reverse('digest:unsubscribe', args=[token])}"


def subject_of(digest: Digest) -> str:
    """A one-line subject saying what is inside, e.g. "Your week on Trellis: 2 intros
    waiting, 3 people who could help, topic news"."""
    parts = []
    if digest.intros:
        count = len(digest.intros)
        parts.append(f"{count} intro{'s' if count != 1 else ''} waiting")
    if digest.helpers:
        count = len(digest.helpers)
        parts.append(f"{count} {'people' if count != 1 else 'person'} who could help")
    if digest.topics:
        parts.append("topic news")
    if digest.initiatives:
        parts.append("initiatives for you")
    return flattened("Your week on Trellis: " + ", ".join(parts))[:SUBJECT_LENGTH]


def _context(digest: Digest) -> dict:
    return {
        "digest": digest,
        "name": digest.member.display_name,
        "site_url": settings.SITE_URL,
        "unsubscribe_url": unsubscribe_url(member_id=digest.member.pk),
        "preferences_url": f"{settings.SITE_URL}{reverse('notifications:preferences')}",
    }


def digest_text(digest: Digest) -> str:
    """The plain-text version (what `trellis digest --preview` prints)."""
    return render_to_string("digest/email.txt", _context(digest))


def digest_message(digest: Digest) -> EmailMultiAlternatives:
    """The e-mail of `digest`, to the member's login address, not yet sent."""
    context = _context(digest)
    message = EmailMultiAlternatives(
        subject=subject_of(digest),
        body=render_to_string("digest/email.txt", context),
        to=[digest.member.user.email],
        headers={
            # RFC 2369 and RFC 8058: mail programs show an "Unsubscribe" button that POSTs
            # "List-Unsubscribe=One-Click" to this address, with no sign-in.
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            # RFC 3834: no vacation auto-replies to a digest.
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(render_to_string("digest/email.html", context), "text/html")
    return message
