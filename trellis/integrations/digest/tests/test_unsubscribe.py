"""The one-click unsubscribe (RFC 8058, RFC 2369): the headers, a POST with no session or
CSRF token that turns off one member's digest, a GET that changes nothing, and tampered
tokens refused with nothing changed."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from trellis.integrations.digest import services
from trellis.integrations.digest.tests.conftest import SITE
from trellis.integrations.digest.tokens import unsubscribe_token
from trellis.notifications.models import DigestPreference
from trellis.notifications.selectors import wants_weekly_digest

ONE_CLICK = {"List-Unsubscribe": "One-Click"}
PREFERENCES = reverse("notifications:preferences")


def address(member) -> str:
    return reverse("digest:unsubscribe", args=[unsubscribe_token(member_id=member.pk)])


@pytest.fixture
def browser() -> Client:
    """A visitor with no session, whose POSTs are checked for CSRF as a real browser's."""
    return Client(enforce_csrf_checks=True)


def test_each_digest_carries_the_one_click_headers_with_its_own_https_address(world):
    run = services.digest_run_for_now(now=timezone.now())
    services.digest_run_send(run_id=run.pk)

    for member in (world.ana, world.ben):
        (message,) = [m for m in mail.outbox if m.to == [member.user.email]]
        assert message.extra_headers["List-Unsubscribe"] == f"<{SITE}{address(member)}>"
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert f"{SITE}{address(member)}" in message.body
        assert f'href="{SITE}{address(member)}"' in message.alternatives[0][0]


def test_a_post_without_a_session_or_csrf_token_unsubscribes_that_member_only(browser, ana, ben):
    response = browser.post(address(ana), ONE_CLICK)

    assert response.status_code == 200
    assert "You will not get the weekly digest any more" in response.content.decode()
    assert not wants_weekly_digest(member=ana)
    assert wants_weekly_digest(member=ben)
    assert DigestPreference.objects.count() == 1


def test_unsubscribing_twice_is_harmless(browser, ana):
    browser.post(address(ana), ONE_CLICK)

    assert browser.post(address(ana), ONE_CLICK).status_code == 200
    assert not wants_weekly_digest(member=ana)


def test_a_get_shows_a_button_and_unsubscribes_nobody(browser, ana):
    response = browser.get(address(ana))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Stop the weekly digest?" in content
    assert 'name="List-Unsubscribe" value="One-Click"' in content
    assert "a…@example.org" in content
    assert "ana@example.org" not in content
    assert wants_weekly_digest(member=ana)
    assert not DigestPreference.objects.exists()


def test_the_pages_button_posts_what_a_mail_program_posts(browser, ana):
    content = browser.get(address(ana)).content.decode()
    form = re.search(r'<form method="post" action="">(.*?)</form>', content, re.S).group(1)
    fields = dict(re.findall(r'name="([^"]+)" value="([^"]+)"', form))

    assert fields == ONE_CLICK
    browser.post(address(ana), fields)
    assert not wants_weekly_digest(member=ana)


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # signature changed
        lambda token: "2" + token,  # another member's id, same signature
        lambda token: token.split(":")[0],  # no signature at all
        lambda token: "not-a-token",
    ],
)
def test_a_tampered_token_is_refused_with_a_clear_page_and_nothing_changes(
    browser, ana, ben, tamper
):
    bad = reverse("digest:unsubscribe", args=[tamper(unsubscribe_token(member_id=ana.pk))])

    for response in (browser.post(bad, ONE_CLICK), browser.get(bad)):
        assert response.status_code == 400
        content = response.content.decode()
        assert "This unsubscribe link does not work" in content
        assert "Nothing was changed." in content
    assert not DigestPreference.objects.exists()


def test_a_token_signed_for_something_else_is_refused(browser, ana):
    from django.core import signing

    other = signing.Signer(salt="trellis.something-else").sign(str(ana.pk))

    response = browser.post(reverse("digest:unsubscribe", args=[other]), ONE_CLICK)

    assert response.status_code == 400
    assert not DigestPreference.objects.exists()


def test_a_post_without_the_one_click_field_is_refused_and_changes_nothing(browser, ana):
    response = browser.post(address(ana), {})

    assert response.status_code == 400
    assert "List-Unsubscribe=One-Click" in response.content.decode()
    assert wants_weekly_digest(member=ana)
    assert not DigestPreference.objects.exists()


def test_a_link_for_a_deleted_account_is_not_found_and_changes_nothing(browser, ana):
    link = address(ana)
    ana.user.delete()

    assert browser.get(link).status_code == 404
    assert browser.post(link, ONE_CLICK).status_code == 404
    assert not DigestPreference.objects.exists()


def test_other_pages_still_need_a_csrf_token(browser, ana):
    browser.force_login(ana.user)

    assert browser.post(PREFERENCES, {}).status_code == 403


def test_the_preferences_page_turns_it_back_on(browser, ana_client, ana):
    browser.post(address(ana), ONE_CLICK)
    assert 'name="weekly_digest"' in ana_client.get(PREFERENCES).content.decode()

    ana_client.post(PREFERENCES, {"weekly_digest": "on"})

    assert wants_weekly_digest(member=ana)


def test_the_preferences_page_turns_it_off_for_that_member_only(ana_client, ana, ben):
    content = ana_client.get(PREFERENCES).content.decode()
    assert 'name="weekly_digest" id="id_weekly_digest" checked' in content

    ana_client.post(PREFERENCES, {})

    assert not wants_weekly_digest(member=ana)
    assert wants_weekly_digest(member=ben)


def test_with_digests_off_the_preferences_page_shows_no_digest_and_keeps_the_choice(
    settings, ana_client, ana
):
    settings.DIGEST_ENABLED = False
    from trellis.notifications.services import digest_preference_set

    digest_preference_set(member=ana, weekly_digest=False)

    assert "weekly_digest" not in ana_client.get(PREFERENCES).content.decode()
    ana_client.post(PREFERENCES, {})
    assert not wants_weekly_digest(member=ana)
