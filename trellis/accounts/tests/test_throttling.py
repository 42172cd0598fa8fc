"""Sign-in, password reset and invitation claims are throttled by account and by address.

The issue's probe: 50 wrong passwords for one account in 23 s, all answered 200, and the
51st, right, signed in; 20 reset requests sent 20 e-mails to one address. Limits here are
the defaults: 10 failures, 15 minutes, 3 reset e-mails to an address.
"""

import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from trellis.accounts.tests.test_claim_account import claim_path, claim_path_with
from trellis.audit.models import AuditEvent

PASSWORD = "correct horse battery staple"
SIGN_IN = reverse("accounts:login")
RESET = reverse("accounts:password_reset")
RESET_SENT = reverse("accounts:password_reset_done")
HOME = reverse("home:home")
ATTACKER = "203.0.113.66"
ELSEWHERE = "198.51.100.9"
LOCKOUT_WORDS = "Too many attempts. Try again in 15 minutes or ask an operator."


def sign_in(client, email: str, password: str, *, address: str = ATTACKER):
    return client.post(SIGN_IN, {"username": email, "password": password}, REMOTE_ADDR=address)


def signed_in_user_id(client) -> str | None:
    return client.session.get("_auth_user_id")


def fail_sign_ins(client, email: str, times: int, *, address: str = ATTACKER) -> list[int]:
    return [sign_in(client, email, f"guess {n}", address=address).status_code for n in range(times)]


def without_csrf_tokens(html: str) -> str:
    """A page's HTML with its per-request CSRF tokens blanked, the only part that varies."""
    html = re.sub(r'"X-CSRFToken": "[^"]+"', '"X-CSRFToken": ""', html)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', 'name="csrfmiddlewaretoken"', html)


# Sign-in


def test_fifty_wrong_passwords_lock_the_account_before_the_right_one_gets_in(client, ana):
    answers = fail_sign_ins(client, "ana@example.org", 50)

    right = sign_in(client, "ana@example.org", PASSWORD)

    assert answers[:9] == [200] * 9
    assert set(answers[9:]) == {429}
    assert right.status_code == 429
    assert signed_in_user_id(client) is None


def test_the_lockout_page_is_in_the_sites_layout_and_says_when_to_try_again(client, ana):
    fail_sign_ins(client, "ana@example.org", 10)

    response = sign_in(client, "ana@example.org", PASSWORD)

    html = response.content.decode()
    assert response.status_code == 429
    assert LOCKOUT_WORDS in html
    assert 'class="site-header"' in html


def test_one_address_trying_many_accounts_is_locked_out_for_all_of_them(client, ana):
    for n in range(10):
        sign_in(client, f"someone.{n}@example.org", "guess", address=ATTACKER)

    from_attacker = sign_in(client, "ana@example.org", PASSWORD, address=ATTACKER)

    assert from_attacker.status_code == 429
    assert signed_in_user_id(client) is None
    from_elsewhere = sign_in(client, "ana@example.org", PASSWORD, address=ELSEWHERE)
    assert from_elsewhere.status_code == 302
    assert signed_in_user_id(client) == str(ana.user.pk)


def test_one_account_tried_from_many_addresses_is_locked_out_from_all_of_them(client, ana, ben):
    for n in range(10):
        sign_in(client, "ana@example.org", "guess", address=f"192.0.2.{n + 1}")

    assert sign_in(client, "ana@example.org", PASSWORD, address=ELSEWHERE).status_code == 429
    assert sign_in(client, "ben@example.org", PASSWORD, address=ELSEWHERE).status_code == 302


def test_changing_the_case_of_the_address_does_not_start_a_new_count(client, ana):
    for n in range(10):
        typed = "ana@example.org".upper() if n % 2 else "Ana@Example.org"
        sign_in(client, typed, "guess", address=f"192.0.2.{n + 1}")

    assert sign_in(client, "ana@example.org", PASSWORD, address=ELSEWHERE).status_code == 429


def test_a_few_mistakes_do_not_lock_anyone_out(client, ana):
    fail_sign_ins(client, "ana@example.org", 9)

    assert sign_in(client, "ana@example.org", PASSWORD).status_code == 302


def test_the_lockout_page_is_the_same_for_an_account_that_exists_and_one_that_does_not(client, ana):
    fail_sign_ins(client, "ana@example.org", 10, address="192.0.2.1")
    fail_sign_ins(client, "nobody@example.org", 10, address="192.0.2.2")

    existing = sign_in(client, "ana@example.org", PASSWORD, address="192.0.2.1")
    unknown = sign_in(client, "nobody@example.org", PASSWORD, address="192.0.2.2")

    assert existing.status_code == unknown.status_code == 429
    assert without_csrf_tokens(existing.content.decode()) == without_csrf_tokens(
        unknown.content.decode()
    )
    assert "ana@example.org" not in existing.content.decode()


def test_a_lockout_is_recorded_once_in_the_audit_log_with_the_account_as_typed(client, ana):
    fail_sign_ins(client, "Ana@Example.org\n", 14)

    events = list(AuditEvent.objects.filter(action="lockout.started"))

    assert len(events) == 1
    assert events[0].target == "ana@example.org"
    assert events[0].ip_address == ATTACKER
    assert events[0].details == {"failures": 10}


# trellis unlock


def unlock(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("unlock", *args, stdout=out)
    return out.getvalue()


def test_unlock_lifts_an_accounts_lockout_and_records_it(client, ana):
    for n in range(10):
        sign_in(client, "ana@example.org", "guess", address=f"192.0.2.{n + 1}")

    said = unlock("Ana@Example.org")

    assert said == (
        "Lifted for account ana@example.org: 10 failed sign-in records, 0 reset or claim counts.\n"
    )
    assert sign_in(client, "ana@example.org", PASSWORD, address=ELSEWHERE).status_code == 302
    event = AuditEvent.objects.get(action="lockout.lifted")
    assert event.target == "account ana@example.org"
    assert event.details == {"sign_in_records": 10, "other_counts": 0}


def test_unlock_ip_lifts_an_addresses_lockout(client, ana):
    for n in range(10):
        sign_in(client, f"someone.{n}@example.org", "guess")

    said = unlock("--ip", ATTACKER)

    assert said.startswith(f"Lifted for address {ATTACKER}: 10 failed sign-in records")
    assert sign_in(client, "ana@example.org", PASSWORD).status_code == 302


def test_unlock_all_lifts_everything(client, ana, ben):
    fail_sign_ins(client, "ana@example.org", 10)
    fail_sign_ins(client, "ben@example.org", 10, address=ELSEWHERE)

    unlock("--all")

    assert sign_in(client, "ana@example.org", PASSWORD).status_code == 302
    assert sign_in(client, "ben@example.org", PASSWORD, address=ELSEWHERE).status_code == 302


@pytest.mark.django_db
def test_unlock_says_when_there_was_nothing_to_lift():
    assert unlock("nobody@example.org") == (
        "Nothing to lift for account nobody@example.org: it was not locked out.\n"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "Name exactly one of"),
        (("ana@example.org", "--all"), "Name exactly one of"),
        (("--ip", "not-an-address"), "--ip 'not-an-address' is not an IP address."),
    ],
)
def test_unlock_refuses_unclear_requests_and_lifts_nothing(args, message):
    with pytest.raises(CommandError, match=re.escape(message)):
        unlock(*args)
    assert not AuditEvent.objects.filter(action="lockout.lifted").exists()


# Password reset


def ask_for_reset(client, email: str, *, address: str = ATTACKER):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=address)


def test_twenty_reset_requests_send_three_emails_and_every_answer_is_the_same(
    client, ana, mailoutbox
):
    answers = [
        ask_for_reset(client, "ana@example.org", address=f"192.0.2.{n + 1}") for n in range(20)
    ]

    assert len(mailoutbox) == 3
    assert {(answer.status_code, answer.url) for answer in answers} == {(302, RESET_SENT)}


def test_the_reset_limit_per_address_counts_addresses_with_and_without_an_account(
    client, ana, mailoutbox
):
    for _ in range(3):
        ask_for_reset(client, "ANA@example.org", address=ELSEWHERE)
        ask_for_reset(client, "nobody@example.org", address=ELSEWHERE)

    after_limit = [
        ask_for_reset(client, "ana@example.org"),
        ask_for_reset(client, "nobody@example.org"),
    ]

    assert len(mailoutbox) == 3
    assert {(answer.status_code, answer.url) for answer in after_limit} == {(302, RESET_SENT)}


def test_one_client_address_may_ask_for_ten_resets_then_nothing_is_sent(
    client, ana, ben, mailoutbox
):
    for n in range(10):
        ask_for_reset(client, f"someone.{n}@example.org")

    refused = ask_for_reset(client, "ana@example.org")
    from_elsewhere = ask_for_reset(client, "ben@example.org", address=ELSEWHERE)

    assert (refused.status_code, refused.url) == (302, RESET_SENT)
    assert [message.to for message in mailoutbox] == [["ben@example.org"]]
    assert from_elsewhere.url == RESET_SENT


def test_unlock_lifts_the_reset_limit_of_an_email_address(client, ana, mailoutbox):
    for n in range(3):
        ask_for_reset(client, "ana@example.org", address=f"192.0.2.{n + 1}")

    said = unlock("ana@example.org")
    ask_for_reset(client, "ana@example.org", address=ELSEWHERE)

    assert "3 reset or claim counts" in said
    assert len(mailoutbox) == 4


# Invitation claims


@pytest.fixture
def ivo(make_member):
    return make_member("Ivo Imported", email="ivo@example.org", password=None)


def test_ten_invalid_invitation_links_lock_the_address_out_of_every_link(client, ivo):
    for n in range(10):
        bogus = claim_path_with(uid=ivo.user.pk, token=f"guess-{n}")
        assert client.get(bogus, REMOTE_ADDR=ATTACKER).status_code == 404

    locked = client.get(claim_path(ivo.user), REMOTE_ADDR=ATTACKER)
    from_elsewhere = client.get(claim_path(ivo.user), REMOTE_ADDR=ELSEWHERE)

    assert locked.status_code == 429
    assert LOCKOUT_WORDS in locked.content.decode()
    assert from_elsewhere.status_code == 200


def test_unlock_ip_lifts_the_claim_lockout(client, ivo):
    for n in range(10):
        client.get(claim_path_with(uid=ivo.user.pk, token=f"guess-{n}"), REMOTE_ADDR=ATTACKER)

    unlock("--ip", ATTACKER)

    assert client.get(claim_path(ivo.user), REMOTE_ADDR=ATTACKER).status_code == 200
