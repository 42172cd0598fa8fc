"""What each member's digest says: their own intros, helpers, topic news and initiatives,
in plain text and HTML, never anyone else's and never private words."""

from __future__ import annotations

import re

from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from trellis.integrations.digest import services
from trellis.integrations.digest.models import DigestDelivery, DigestRun
from trellis.integrations.digest.tests.conftest import SECRETS, SITE
from trellis.notifications.services import digest_preference_set
from trellis.people.models import Member


def send_this_week():
    run = services.digest_run_for_now(now=timezone.now())
    return services.digest_run_send(run_id=run.pk)


def mail_to(member: Member):
    found = [m for m in mail.outbox if m.to == [member.user.email]]
    assert len(found) == 1, f"{len(found)} e-mails to {member.display_name}"
    return found[0]


def both_parts(message) -> tuple[str, str]:
    """The text and the HTML of a multipart/alternative e-mail (a real
    EmailMultiAlternatives, as it is handed to the mail server)."""
    assert isinstance(message, EmailMultiAlternatives)
    assert message.message().get_content_type() == "multipart/alternative"
    (html, mimetype), *_ = message.alternatives
    assert mimetype == "text/html"
    return message.body, html


def test_each_member_reads_their_own_intros_helpers_topics_and_initiatives(world):
    send_this_week()

    text, html = both_parts(mail_to(world.ana))
    for part in (text, html):
        assert "Carla Mendes" in part  # her intro is waiting for Ana's answer
        assert "Hana Helper can help with what Ana Lima learns." in part
        assert "Terraform state locking in CI" in part
        assert "Cloud cost reports" in part
        assert "It needs what Ana Lima offers." in part
        assert "Ben Okafor" not in part
        assert "Kubernetes upgrade notes" not in part
        assert "Checkout accessibility" not in part

    text, html = both_parts(mail_to(world.ben))
    for part in (text, html):
        assert "Dev Patel" in part
        assert "Ivo Helper can help with what Ben Okafor learns." in part
        assert "Kubernetes upgrade notes" in part
        assert "Checkout accessibility" in part
        assert "Ana Lima" not in part
        assert "Terraform state locking in CI" not in part
        assert "Cloud cost reports" not in part


def test_an_intro_waiting_links_to_it_and_the_sections_are_headed(world):
    send_this_week()

    text, _ = both_parts(mail_to(world.ana))

    assert "INTROS WAITING FOR YOUR ANSWER" in text
    assert "WHO COULD HELP YOU" in text
    assert "NEW THIS WEEK IN TOPICS YOU FOLLOW" in text
    assert "- Terraform: 1 new post" in text
    assert "INITIATIVES NEEDING WHAT YOU OFFER" in text
    assert re.search(rf"{SITE}/intros/\d+/", text)


def test_no_private_words_leave_in_any_part_or_header(world):
    send_this_week()

    assert len(mail.outbox) == 2
    for message in mail.outbox:
        whole = message.message().as_string()
        text, html = both_parts(message)
        for secret in SECRETS:
            assert secret not in whole
            assert secret not in text
            assert secret not in html


def test_the_html_part_is_inline_styled_and_loads_nothing_from_elsewhere(world):
    send_this_week()

    _, html = both_parts(mail_to(world.ana))

    assert "<img" not in html
    assert "<link" not in html
    assert "<style" not in html
    assert "<script" not in html
    assert 'style="' in html
    every_address = re.findall(r'href="([^"]+)"', html)
    assert every_address
    assert all(address.startswith(f"{SITE}/") for address in every_address)


def test_a_member_with_nothing_to_say_gets_no_email(world, make_member):
    quiet = make_member("Quiet Member")

    run = send_this_week()

    assert len(mail.outbox) == 2
    assert not [m for m in mail.outbox if m.to == [quiet.user.email]]
    assert (run.sent, run.skipped) == (2, 5)  # Carla, Dev, Hana, Ivo, Quiet: nothing new
    assert not DigestDelivery.objects.filter(member=quiet).exists()


def test_members_who_left_are_paused_switched_off_without_email_or_opted_out_get_none(world):
    Member.objects.filter(pk=world.ana.pk).update(status=Member.Status.LEFT)
    world.ben.user.email = ""
    world.ben.user.save()

    send_this_week()
    assert mail.outbox == []

    Member.objects.filter(pk=world.ana.pk).update(status=Member.Status.PAUSED)
    DigestRun.objects.all().delete()
    send_this_week()
    assert mail.outbox == []

    Member.objects.filter(pk=world.ana.pk).update(status=Member.Status.ACTIVE)
    world.ana.user.is_active = False
    world.ana.user.save()
    DigestRun.objects.all().delete()
    send_this_week()
    assert mail.outbox == []


def test_a_member_who_turned_it_off_gets_none_and_the_other_still_does(world):
    digest_preference_set(member=world.ana, weekly_digest=False)

    send_this_week()

    assert [m.to for m in mail.outbox] == [[world.ben.user.email]]


def test_a_helper_at_capacity_or_in_the_reporting_line_is_not_suggested(world):
    world.ana.manager = world.hana
    world.ana.save()
    world.ivo.capacity = 0
    world.ivo.save()

    send_this_week()

    assert "WHO COULD HELP YOU" not in mail_to(world.ana).body
    assert "WHO COULD HELP YOU" not in mail_to(world.ben).body


def test_the_subject_says_what_is_inside(world):
    send_this_week()

    assert mail_to(world.ana).subject == (
        "Your week on Trellis: 1 intro waiting, 1 person who could help, topic news, "
        "initiatives for you"
    )


def test_names_are_escaped_in_the_html_and_left_as_written_in_the_text(world):
    Member.objects.filter(pk=world.carla.pk).update(display_name="Carla <b>Mendes</b>")

    send_this_week()

    text, html = both_parts(mail_to(world.ana))
    assert "Carla &lt;b&gt;Mendes&lt;/b&gt;" in html
    assert "<b>" not in html
    assert "Carla <b>Mendes</b>" in text
