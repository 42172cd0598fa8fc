"""The suggestions the demo's intros came from: past rounds, and recommendations.

An intro "from a suggestion" names the suggestion it was opened from, and whether
that was a round's pair or a recommendation is the suggestion's kind. So the demo
writes, before its intros, the rounds its organiser published every ROUND_EVERY_DAYS
over the past (each over everyone, published the day after it ran) and, for each
intro planned from one, the suggestion: a pair of that round (the newest published
before the intro was sent), or a recommendation computed for its sender a few days
before. Each is marked acted on when the intro was sent, and a round's pair told to
both members when the round was published, as the services would have left them.

Past rounds keep no figures (`metrics` is empty: the review reads "not stored"); their
suggestions are only those acted on. The round the `demo` command runs and publishes
afterwards is the one with the engine's figures and every pair.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime

from trellis.accounts.models import User
from trellis.db import bulk
from trellis.demo import data
from trellis.demo.accounts import ORGANISER_EMAIL
from trellis.demo.network import NetworkPlan, first_name
from trellis.demo.writing import DaysAgo
from trellis.matching.models import CohortKind, Round, Suggestion
from trellis.matching.services import round_config_clean

ROUND_EVERY_DAYS = 42
NEWEST_ROUND_DAYS = 20  # days ago the last past round was published
# Far enough back for the oldest relationship's intro (`network._relationship`).
ROUND_DAYS = tuple(range(NEWEST_ROUND_DAYS, 460, ROUND_EVERY_DAYS))
RAN_FOR_DAYS = 1.0  # a round is published the day after it ran
RECOMMENDED_DAYS_BEFORE = (1, 10)  # how long before the intro its recommendation was computed
SUGGESTED = frozenset({"round", "recommendation"})


def round_published(sent: float | None) -> int:
    """The past round an intro sent `sent` days ago came from: the newest published before it
    (a draft's, or a waiting one's, the newest)."""
    return min(
        (days for days in ROUND_DAYS if sent is None or days >= sent), default=ROUND_DAYS[-1]
    )


def create_suggestions(
    rng: random.Random,
    plan: NetworkPlan,
    member_ids: list[int],
    people_names: Sequence[str],
    *,
    now: datetime,
) -> dict[int, int]:
    """Write the past rounds and the suggestions the planned intros came from; the
    suggestion's id for each such intro, by `id()` of its PlannedIntro."""
    intros = [r.intro for r in plan.relationships] + plan.intros
    suggested = [intro for intro in intros if intro.source in SUGGESTED]
    if not suggested:
        return {}
    when = DaysAgo(now)
    rounds = _create_rounds(when)
    rows, keys = [], []
    for intro in suggested:
        sender, recipient = member_ids[intro.sender], member_ids[intro.recipient]
        a, b = sorted((sender, recipient))
        sender_is_a = sender == a
        names = (people_names[intro.sender], people_names[intro.recipient])
        if intro.source == "round":
            published = round_published(intro.sent)
            round_id, recommended_to = rounds[published], None
            told = when.at(published)
            created = when.at(published + RAN_FOR_DAYS)
            kind = Suggestion.Kind.ROUND
        else:
            round_id, recommended_to, told = None, sender, None
            created = when.at((intro.sent or 0) + rng.randint(*RECOMMENDED_DAYS_BEFORE))
            kind = Suggestion.Kind.RECOMMENDATION
        rows.append(
            (
                kind,
                round_id,
                recommended_to,
                a,
                b,
                score := round(rng.uniform(0.45, 0.9), 4),
                score,  # all of it from what the two share: the demo plans no teaching
                0.0,
                0.0,
                0.0,
                False,
                *_explanations(
                    kind,
                    intro.topic,
                    names if sender_is_a else names[::-1],
                    sender_is_a=sender_is_a,
                ),
                when.at(intro.sent),  # acted on: the intro was sent from it
                told,
                told,
                created,
            )
        )
        keys.append(id(intro))
    names = ("kind", "round", "recommended_to", "member_a", "member_b", "score", "shared")
    names += ("teach_ab", "teach_ba", "diversity", "paired_by_hand")
    names += ("explanation", "explanation_for_a", "explanation_for_b", "acted_on_at")
    names += ("a_told_at", "b_told_at", "created_at")
    ids = bulk.insert_rows(Suggestion, names, rows, returning=True)
    return dict(zip(keys, ids, strict=True))


def _explanations(
    kind: str, topic: str, names: tuple[str, str], *, sender_is_a: bool
) -> tuple[str, str, str]:
    """Why, naming both (a round's, for organisers), then as A and as B read it (`names`
    are A's and B's). A recommendation has only the words of its member, the sender."""
    to_each = data.SUGGESTION_REASON.format(topic=topic)
    if kind == Suggestion.Kind.RECOMMENDATION:
        return ("", to_each, "") if sender_is_a else ("", "", to_each)
    both = data.SUGGESTION_REASON_BOTH.format(
        a=first_name(names[0]), b=first_name(names[1]), topic=topic
    )
    return both, to_each, to_each


def _create_rounds(when: DaysAgo) -> dict[int, int]:
    """The organiser's past rounds over everyone, published; their ids by days ago."""
    organiser = User.objects.get(email=ORGANISER_EMAIL)
    config = round_config_clean(None)
    rounds: dict[int, int] = {}
    for days in sorted(ROUND_DAYS, reverse=True):  # oldest first, as they were run
        ran = when.at(days + RAN_FOR_DAYS)
        round_obj = Round.objects.create(
            organiser=organiser,
            cohort={"kind": CohortKind.ALL, "value": ""},
            config=config,
            state=Round.State.PUBLISHED,
            progress=1.0,
            started_at=ran,
            finished_at=ran,
            published_at=when.at(days),
            published_by=organiser,
        )
        Round.objects.filter(pk=round_obj.pk).update(created_at=ran)  # stamped now on create
        rounds[days] = round_obj.pk
    return rounds
