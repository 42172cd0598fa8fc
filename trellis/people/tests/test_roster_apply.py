"""roster_apply: the roster's service for members an identity provider describes (SCIM).

The same cleaning, checks and writes as a CSV file; plus statuses (left, back) and a
changed login. The cycle check looks along the rows' own reporting lines when there are
few rows, and reads every line for a big file: both find the same cycles.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from trellis.accounts.models import User
from trellis.people import hooks
from trellis.people.models import Member
from trellis.people.roster import RosterEntry, RosterError, checks, roster_apply, roster_import

pytestmark = pytest.mark.django_db


def state() -> tuple:
    return (
        list(User.objects.order_by("pk").values_list("pk", "email", "is_active")),
        list(Member.objects.order_by("pk").values()),
    )


def entry(email: str, *, active: bool | None = None, email_was: str | None = None, **values):
    return RosterEntry(values={"email": email, **values}, active=active, email_was=email_was)


def test_an_entry_is_cleaned_by_the_rosters_own_rules_and_refused_whole(ana):
    before = state()

    with pytest.raises(RosterError) as caught:
        roster_apply(entries=[entry("not-an-address", name="Zoe")], source="test")

    assert [(p.line, p.column) for p in caught.value.problems] == [(1, "email")]
    assert "is not a valid e-mail address" in caught.value.problems[0].message
    assert state() == before


def test_an_unknown_manager_is_refused_as_in_a_file(ana):
    before = state()

    with pytest.raises(RosterError) as caught:
        roster_apply(entries=[entry("zoe@example.org", manager_email="x@example.org")], source="t")

    assert "No member has the e-mail x@example.org" in caught.value.problems[0].message
    assert state() == before


def test_leaving_marks_the_member_left_tells_the_hook_and_coming_back_undoes_it(ana, ben):
    told: list[list[int]] = []
    handler = hooks.register_member_left(lambda *, member_ids, now: told.append(member_ids))
    try:
        roster_apply(entries=[entry("ana@example.org", active=False)], source="test")
        roster_apply(entries=[entry("ana@example.org", active=False)], source="test")
        left = Member.objects.select_related("user").get(pk=ana.pk)
        roster_apply(entries=[entry("ana@example.org", active=True)], source="test")
    finally:
        hooks._left_handlers.remove(handler)

    assert (left.status, left.user.is_active) == ("left", False)
    assert told == [[ana.pk]]  # once: the second call changed nothing
    back = Member.objects.select_related("user").get(pk=ana.pk)
    assert (back.status, back.user.is_active) == ("active", True)
    assert Member.objects.get(pk=ben.pk).status == "active"


def test_a_paused_member_stays_paused_when_told_they_are_active(ana):
    Member.objects.filter(pk=ana.pk).update(status="paused")

    roster_apply(entries=[entry("ana@example.org", active=True)], source="test")

    assert Member.objects.get(pk=ana.pk).status == "paused"  # pausing is their own choice


def test_a_new_login_is_given_and_one_already_taken_is_refused(ana, ben):
    roster_apply(
        entries=[entry("ana.lima@example.org", email_was="ana@example.org")], source="test"
    )
    assert User.objects.get(pk=ana.user_id).email == "ana.lima@example.org"
    before = state()

    with pytest.raises(RosterError) as caught:
        roster_apply(
            entries=[entry("ben@example.org", email_was="ana.lima@example.org")], source="test"
        )

    assert "already another member's login" in caught.value.problems[0].message
    assert state() == before


@pytest.mark.parametrize("few_rows", [0, 100], ids=["every line read", "own lines only"])
def test_both_ways_of_looking_find_a_cycle_through_members_the_rows_do_not_change(
    monkeypatch, make_member, ana, few_rows
):
    monkeypatch.setattr(checks, "FEW_ROWS", few_rows)
    cleo = make_member("Cleo", email="cleo@example.org", manager=ana)
    make_member("Dan", email="dan@example.org", manager=cleo)

    with pytest.raises(RosterError) as caught:
        roster_import(data=b"email,manager_email\nana@example.org,dan@example.org\n")

    assert caught.value.problems[0].message == (
        "This would make a reporting cycle: "
        "ana@example.org → dan@example.org → cleo@example.org → ana@example.org."
    )


def test_checking_one_members_manager_costs_the_depth_of_the_organisation_not_its_size(
    make_member, ana
):
    def queries_to_set_manager() -> int:
        with CaptureQueriesContext(connection) as captured:
            roster_apply(
                entries=[entry("zoe@example.org", manager_email="ana@example.org")],
                source="test",
            )
        Member.objects.filter(user__email="zoe@example.org").delete()
        User.objects.filter(email="zoe@example.org").delete()
        return len(captured.captured_queries)

    small = queries_to_set_manager()
    for _ in range(40):
        make_member(manager=ana)

    assert queries_to_set_manager() == small
