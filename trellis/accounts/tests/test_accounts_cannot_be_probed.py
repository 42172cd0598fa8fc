"""No form or page tells a visitor or a member whether an e-mail address has an account.

Issue 14, item 7: the `manager_email` profile field once answered that question (it left
the profile form in issue 13). Every path where someone types an address, or a link that
names an account, answers an address with an account and one without in the same way.
"""

import re

import pytest
from django.urls import reverse

from trellis.accounts.tests.test_claim_account import claim_path_with
from trellis.people.tests.test_profile_edit_view import form_data

PASSWORD = "correct horse battery staple"


def same_page(first, second, *, typed: tuple[str, str] = ("", "")) -> bool:
    """Whether two responses are the same apart from their per-request CSRF tokens and
    the address each form shows back as typed (`typed`: the first's, the second's)."""

    def plain(response, address: str) -> tuple:
        html = re.sub(r'"X-CSRFToken": "[^"]+"', "", response.content.decode())
        html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
        if address:
            html = html.replace(address, "ADDRESS")
        return response.status_code, response.get("Location"), html

    return plain(first, typed[0]) == plain(second, typed[1])


def test_a_wrong_password_reads_the_same_for_an_account_and_no_account(client, ana):
    sign_in = reverse("accounts:login")

    existing = client.post(sign_in, {"username": "ana@example.org", "password": "wrong"})
    unknown = client.post(sign_in, {"username": "nobody@example.org", "password": "wrong"})

    assert existing.status_code == 200
    assert same_page(existing, unknown, typed=("ana@example.org", "nobody@example.org"))


def test_a_deactivated_account_reads_like_no_account_at_sign_in(client, ana):
    ana.user.is_active = False
    ana.user.save()
    sign_in = reverse("accounts:login")

    deactivated = client.post(sign_in, {"username": "ana@example.org", "password": PASSWORD})
    unknown = client.post(sign_in, {"username": "nobody@example.org", "password": PASSWORD})

    assert same_page(deactivated, unknown, typed=("ana@example.org", "nobody@example.org"))


def test_a_reset_request_reads_the_same_for_an_account_and_no_account(client, ana, mailoutbox):
    reset = reverse("accounts:password_reset")

    existing = client.post(reset, {"email": "ana@example.org"}, follow=True)
    unknown = client.post(reset, {"email": "nobody@example.org"}, follow=True)

    assert same_page(existing, unknown)
    assert existing.redirect_chain == unknown.redirect_chain
    assert len(mailoutbox) == 1


def test_a_bad_invitation_link_reads_the_same_for_an_account_and_no_account(client, ana):
    existing = client.get(claim_path_with(uid=ana.user.pk, token="guess"))
    unknown = client.get(claim_path_with(uid=ana.user.pk + 1000, token="guess"))

    assert existing.status_code == 404
    assert same_page(existing, unknown)


def test_naming_a_manager_by_email_on_ones_profile_reveals_nothing(client, ana, ben):
    client.force_login(ana.user)
    edit = reverse("people:profile_edit")

    existing = client.post(edit, form_data(ana, manager_email=ben.user.email))
    unknown = client.post(edit, form_data(ana, manager_email="nobody@example.org"))

    assert existing.status_code == 302
    assert same_page(existing, unknown)
    ana.refresh_from_db()
    assert ana.manager_id is None


@pytest.mark.django_db
def test_no_page_a_member_can_open_asks_for_a_managers_email(client, ana):
    client.force_login(ana.user)

    html = client.get(reverse("people:profile_edit")).content.decode()

    assert "manager_email" not in html
