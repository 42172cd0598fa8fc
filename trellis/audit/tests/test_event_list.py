"""The operators' audit page: newest first, a page at a time at a constant cost, filtered
by action, by who and by day; events shown as text. Nobody else may see it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from trellis.audit import selectors
from trellis.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
URL = reverse("audit:event_list")


def shown(response) -> list[int]:
    return [event.pk for event in response.context["page"].events]


def test_an_operator_sees_events_newest_first(operator_client, make_event):
    old = make_event(at=timezone.now() - timedelta(days=2))
    new = make_event()

    response = operator_client.get(URL)

    assert response.status_code == 200
    assert shown(response) == [new.pk, old.pk]


@pytest.mark.parametrize("who", ["ana", "organiser"])
def test_a_member_or_an_organiser_gets_a_404(client, ana, organiser, who):
    client.force_login({"ana": ana, "organiser": organiser}[who].user)

    assert client.get(URL).status_code == 404
    assert client.get(reverse("audit:event_export")).status_code == 404


def test_an_operator_filters_by_action_actor_and_day(operator_client, make_event):
    now = timezone.now()
    wanted = make_event("sign_in.failed", actor_label="ana@example.org", at=now)
    make_event("sign_in.failed", actor_label="ben@example.org", at=now)
    make_event("round.published", actor_label="ana@example.org", at=now)
    make_event("sign_in.failed", actor_label="ana@example.org", at=now - timedelta(days=3))
    today = timezone.localdate(now).isoformat()

    response = operator_client.get(
        URL, {"action": "sign_in.failed", "actor": "ANA@", "since": today, "until": today}
    )

    assert shown(response) == [wanted.pk]


def test_a_whole_address_matches_only_that_person(operator_client, make_event):
    ana = make_event(actor_label="ana@example.org")
    make_event(actor_label="ana@example.org.uk")

    response = operator_client.get(URL, {"actor": " Ana@Example.org "})

    assert shown(response) == [ana.pk]


def test_a_bad_filter_is_named_and_shows_nothing(operator_client, make_event):
    make_event()

    response = operator_client.get(URL, {"since": "2026-05-02", "until": "2026-05-01"})

    assert response.context["page"] is None
    assert b"The end date comes before the start date." in response.content
    response = operator_client.get(URL, {"action": "no.such"})
    assert b"Action:" in response.content and response.context["page"] is None


def test_pages_follow_on_from_the_last_event_shown(operator_client, make_event, monkeypatch):
    monkeypatch.setattr(selectors, "PAGE_SIZE", 2)
    same_time = timezone.now()
    events = [make_event(at=same_time) for _ in range(3)] + [make_event()]
    newest_first = sorted(events, key=lambda e: (e.at, e.pk), reverse=True)

    first = operator_client.get(URL)
    second = operator_client.get(URL, {"older_than": first.context["page"].older_than})

    assert shown(first) == [e.pk for e in newest_first[:2]]
    assert shown(second) == [e.pk for e in newest_first[2:]]
    assert second.context["page"].older_than is None
    assert b"Older" in first.content and b"Older" not in second.content


def test_the_page_costs_the_same_with_many_events(
    operator_client, make_event, django_assert_num_queries
):
    operator_client.get(URL)  # warm the session
    newest = [make_event() for _ in range(3)][-1]

    # The session, the login, its member profile (the menu's), one page of events.
    with django_assert_num_queries(4) as few:
        operator_client.get(URL, {"older_than": newest.pk})
    AuditEvent.objects.bulk_create(
        AuditEvent(action="sign_in.failed", at=timezone.now(), target=f"x{i}") for i in range(120)
    )
    with django_assert_num_queries(len(few.captured_queries)):
        operator_client.get(URL, {"action": "sign_in.failed", "actor": "a"})


def test_events_are_shown_as_text(operator_client, make_event):
    make_event(target="<script>alert(1)</script>", details={"<b>": "<img src=x>"})

    content = operator_client.get(URL).content.decode()

    assert "<script>alert(1)</script>" not in content and "<img src=x>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_an_operator_sees_the_audit_log_in_the_menu_and_a_member_does_not(
    operator_client, client, ana
):
    assert URL.encode() in operator_client.get(reverse("home:home")).content
    client.force_login(ana.user)
    assert URL.encode() not in client.get(reverse("home:home")).content
