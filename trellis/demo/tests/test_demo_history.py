"""The demo organisation has a history of weeks: enough, over the last half year, for every
figure of the organisers' insights to show something (assertions on the data alone)."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from trellis.accounts.models import User
from trellis.connections.models import Exchange, Intro, Origin, Relationship
from trellis.demo.accounts import ORGANISER_EMAIL
from trellis.demo.tests.conftest import demo_for_the_module
from trellis.initiatives.models import Contribution, Observation
from trellis.matching.models import Round, Suggestion
from trellis.people.models import Member

MEMBERS = 120
HALF_YEAR_WEEKS = 26


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """One demo organisation for the whole module, seeded once."""
    with demo_for_the_module(django_db_blocker, members=MEMBERS, seed=7) as report:
        yield report


def weeks_ago(moment) -> int:
    return (timezone.now() - moment) // timedelta(weeks=1)


def recent(weeks: set[int]) -> set[int]:
    return {week for week in weeks if 0 <= week < HALF_YEAR_WEEKS}


def relationships():
    return Relationship.objects.select_related("member_a", "member_b", "intro__suggestion")


def test_something_happened_in_at_least_20_of_the_last_26_weeks(seeded, db):
    started = {weeks_ago(at) for at in Relationship.objects.values_list("started_at", flat=True)}
    sent = {
        weeks_ago(at)
        for at in Intro.objects.exclude(sent_at=None).values_list("sent_at", flat=True)
    }
    today = timezone.localdate()
    exchanged = {(today - day).days // 7 for day in Exchange.objects.values_list("date", flat=True)}

    assert len(recent(started | sent | exchanged)) >= 20
    assert len(recent(started)) >= 10  # relationships began all through the half year


def test_relationships_began_from_every_source_an_intro_comes_from(seeded, db):
    sources = Counter(
        (r.origin, r.intro.suggestion.kind if r.intro.suggestion else None) for r in relationships()
    )

    assert {
        (Origin.SUGGESTION, Suggestion.Kind.ROUND),
        (Origin.SUGGESTION, Suggestion.Kind.RECOMMENDATION),
        (Origin.POST, None),
        (Origin.HELP, None),
        (Origin.PROFILE, None),
    } <= set(sources)
    assert sources[(Origin.PROFILE, None)] < sum(sources.values()) / 2


def test_an_intro_from_a_suggestion_names_one_of_the_two_shown_before_it_was_sent(seeded, db):
    from_suggestions = Intro.objects.filter(origin=Origin.SUGGESTION).select_related(
        "suggestion__round"
    )
    assert from_suggestions.count() >= 5
    for intro in from_suggestions:
        suggestion = intro.suggestion
        pair = {suggestion.member_a_id, suggestion.member_b_id}
        assert pair == {intro.sender_id, intro.recipient_id}
        assert suggestion.created_at < intro.sent_at and suggestion.acted_on_at == intro.sent_at
        if suggestion.kind == Suggestion.Kind.ROUND:
            assert suggestion.round.state == Round.State.PUBLISHED
            assert suggestion.round.published_at <= intro.sent_at
            assert suggestion.a_told_at == suggestion.round.published_at
        else:
            assert suggestion.recommended_to_id == intro.sender_id
    assert not Intro.objects.exclude(origin=Origin.SUGGESTION).exclude(suggestion=None).exists()


def test_the_past_rounds_were_published_by_the_organiser_over_the_past_year(seeded, db):
    rounds = Round.objects.filter(state=Round.State.PUBLISHED)
    organiser = User.objects.get(email=ORGANISER_EMAIL)

    assert rounds.count() >= 8
    assert {r.published_by_id for r in rounds} == {organiser.pk}
    assert all(r.created_at <= r.finished_at <= r.published_at for r in rounds)
    assert len(recent({weeks_ago(r.published_at) for r in rounds})) >= 4


def test_a_past_rounds_review_opens_for_the_organiser(seeded, db, client):
    round_obj = Round.objects.filter(state=Round.State.PUBLISHED).earliest("published_at")
    client.force_login(User.objects.get(email=ORGANISER_EMAIL))

    response = client.get(round_obj.get_absolute_url())

    assert response.status_code == 200


def test_some_relationships_last_past_6_and_12_weeks_and_some_rest_or_closed(seeded, db):
    states = Counter(r.state for r in Relationship.objects.all())
    open_ages = [
        weeks_ago(at)
        for at in Relationship.objects.exclude(state="closed").values_list("started_at", flat=True)
    ]

    assert states["active"] and states["dormant"] and states["closed"]
    assert any(6 <= age < 12 for age in open_ages) and any(age >= 12 for age in open_ages)
    assert any(age < 6 for age in open_ages)


def test_intros_were_accepted_declined_and_expired_in_many_weeks(seeded, db):
    def weeks_of(state: str) -> set[int]:
        sent = Intro.objects.filter(state=state).values_list("sent_at", flat=True)
        return recent({weeks_ago(at) for at in sent})

    assert len(weeks_of(Intro.State.ACCEPTED)) >= 8
    assert len(weeks_of(Intro.State.DECLINED)) >= 4
    assert len(weeks_of(Intro.State.EXPIRED)) >= 3
    assert Intro.objects.filter(state=Intro.State.SENT).exists()


def test_relationships_cross_teams_and_disciplines_and_stay_within_them_too(seeded, db):
    pairs = [(r.member_a, r.member_b) for r in relationships()]
    across_teams = Counter(a.team != b.team for a, b in pairs)
    across_disciplines = Counter(a.discipline != b.discipline for a, b in pairs)

    assert across_teams[True] > across_teams[False] > 0
    assert across_disciplines[True] and across_disciplines[False]


def test_value_goes_both_ways_one_way_and_from_the_junior_to_the_senior(seeded, db):
    authors_by_relationship: dict[int, set[int]] = {}
    junior_gave = 0
    for r in relationships().prefetch_related("exchanges"):
        for exchange in r.exchanges.all():
            authors_by_relationship.setdefault(r.pk, set()).add(exchange.author_id)
            author, other = (
                (r.member_a, r.member_b)
                if exchange.author_id == r.member_a_id
                else (r.member_b, r.member_a)
            )
            junior_gave += bool(exchange.what_i_shared) and author.level < other.level
    sides = Counter(len(authors) for authors in authors_by_relationship.values())

    assert sides[2] and sides[1]
    assert junior_gave
    one_way = [pk for pk, authors in authors_by_relationship.items() if len(authors) == 1]
    only_gave = Exchange.objects.filter(relationship__in=one_way, what_i_learned="")
    assert only_gave.exists()  # the one who writes it down gave, and learned nothing
    assert Relationship.objects.exclude(pk__in=authors_by_relationship).exists()  # none yet


def test_a_few_are_at_capacity(seeded, db):
    load: Counter[int] = Counter()
    for a, b in Relationship.objects.exclude(state="closed").values_list("member_a", "member_b"):
        load[a] += 1
        load[b] += 1
    capacity = dict(Member.objects.values_list("pk", "capacity"))

    assert any(load[m] == capacity[m] for m in load)
    assert any(load[m] < capacity[m] for m in load)


def test_a_few_are_asked_often_within_four_weeks_and_decline_most_of_it(seeded, db):
    asks: dict[int, list[tuple]] = {}
    sent = Intro.objects.exclude(sent_at=None).order_by("sent_at")
    for recipient, at, state in sent.values_list("recipient", "sent_at", "state"):
        asks.setdefault(recipient, []).append((at, state))

    def busy_and_declining(member: int, *, since=None) -> bool:
        for at, _ in asks[member]:
            spell = [s for when, s in asks[member] if at <= when < at + timedelta(weeks=4)]
            recent = since is None or at >= since
            if recent and len(spell) >= 3 and 2 * spell.count("declined") >= len(spell):
                return True
        return False

    often = [member for member in asks if busy_and_declining(member)]
    assert 2 <= len(often) <= MEMBERS // 20  # a few, not everyone
    four_weeks_ago = timezone.now() - timedelta(weeks=4)
    assert any(busy_and_declining(member, since=four_weeks_ago) for member in often)


def test_some_work_was_seen_from_outside_its_team_and_some_never_seen(seeded, db):
    observations = Observation.objects.select_related("observer", "subject")
    outside = [o for o in observations if o.observer.team != o.subject.team]
    observed = set(Observation.objects.values_list("subject", flat=True))
    contributors = set(Contribution.objects.values_list("member", flat=True))

    assert outside and len(outside) < observations.count()
    assert contributors - observed and contributors & observed
