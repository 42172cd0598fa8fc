"""`trellis digest`: a preview that sends and writes nothing, and sending this week now."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from trellis.integrations.digest.models import DigestDelivery, DigestRun
from trellis.notifications.services import digest_preference_set


def digest(*args) -> str:
    out = StringIO()
    call_command("digest", *args, stdout=out)
    return out.getvalue()


def test_a_preview_prints_one_members_text_and_sends_and_writes_nothing(world):
    text = digest("--preview", "ANA@example.org")

    assert text.startswith("Hello Ana Lima,")
    assert "Terraform state locking in CI" in text
    assert "Kubernetes upgrade notes" not in text
    assert mail.outbox == []
    assert not DigestRun.objects.exists()
    assert not DigestDelivery.objects.exists()


def test_a_preview_for_an_unknown_address_says_so(world):
    with pytest.raises(
        CommandError, match=re.escape("No member signs in with 'nobody@example.org'")
    ):
        digest("--preview", "nobody@example.org")


def test_a_preview_says_why_a_member_gets_none(world, make_member):
    digest_preference_set(member=world.ana, weekly_digest=False)
    quiet = make_member("Quiet Member", email="quiet@example.org")

    with pytest.raises(CommandError, match="Ana Lima gets no digest: they turned it off"):
        digest("--preview", world.ana.user.email)
    with pytest.raises(CommandError, match="Quiet Member has nothing new this week"):
        digest("--preview", quiet.user.email)


def test_send_now_sends_this_week_once(world):
    first = digest("--send-now")
    second = digest("--send-now")

    assert len(mail.outbox) == 2
    assert first.startswith("Digest 20") and ": 2 sent, 4 members with nothing new" in first
    assert first == second


def test_send_now_refuses_while_digests_are_off_and_writes_nothing(settings, world):
    settings.DIGEST_ENABLED = False

    with pytest.raises(CommandError, match="set TRELLIS_DIGEST_ENABLED=true"):
        digest("--send-now")
    assert mail.outbox == []
    assert not DigestRun.objects.exists()


def test_the_command_needs_one_of_its_two_actions():
    with pytest.raises(CommandError, match=re.escape("one of the arguments --preview --send-now")):
        digest()


def test_help_documents_both_actions():
    from trellis.integrations.digest.management.commands.digest import Command

    parser = Command().create_parser("trellis", "digest")
    text = parser.format_help()
    assert "--preview EMAIL" in text and "--send-now" in text
    assert "sending and writing nothing" in " ".join(text.split())
