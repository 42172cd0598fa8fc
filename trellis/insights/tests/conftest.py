"""A small organisation with twelve weeks of history, every figure counted by hand.

`m` is this week's Monday; weeks of a 12-week period are W0 (m - 77 days) ... W11 (m).

Members (team, discipline, level, capacity):
    Ana   Platform  Engineering 3 cap 2
    Ben   Checkout  Design      5 cap 1
    Carla Insights  Data        3 cap 2
    Dev   Payments  Engineering 2 cap 2
    Olga  (none)    (none)      - cap 2   (the organiser)

Relationships:
    R3 Ben-Dev     "who could help", started W0 (m-77), open
    R5 Ana-Dev     profile, started W2 (m-63), closed m-43 (within 6 weeks)
    R1 Ana-Ben     post, started W9 (m-14), open
    R2 Ana-Carla   profile, started W10 (m-7), closed m (a secret closing reason)
    R4 Carla-Dev   a round's suggestion (through an accepted intro), started W11 (m), open

Intros: I1 Carla→Dev accepted (sent and answered m, R4's); I2 Ben→Carla declined (sent m-7,
answered m-6; a secret reason); I3 Dev→Ana expired (sent m-35, expired m-21); I4 Ana→Carla
waiting (sent m); I5 Dev→Carla declined (sent m-14, answered m-13).

Exchanges: E1 on R1 by Ana at m-10: shared only (Ana gave); E2 on R3 by Ben at m: shared
and learned (both gave); E3 on R3 by Dev at m-7: learned only (Ben gave). A reflection of
Ana's on E1 (secret).

Observations: O1 Ben saw Ana at m-3 on the initiative (secret text); O2 Dev saw Carla at m;
O3 Olga (no team) saw Ben at m on the initiative. Contributions to Ana's initiative: Ana at
m-5, Ben at m.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from trellis.connections.models import Exchange, Intro, Reflection, Relationship
from trellis.initiatives.models import Contribution, Initiative, Observation
from trellis.insights import compute
from trellis.matching.models import Round, Suggestion
from trellis.people.models import Member

SECRETS = {
    "reflection": "SECRET-REFLECTION-7f3a",
    "decline": "SECRET-DECLINE-7f3a",
    "close": "SECRET-CLOSE-7f3a",
    "shared": "SECRET-SHARED-7f3a",
    "learned": "SECRET-LEARNED-7f3a",
    "note": "SECRET-NOTE-7f3a",
    "observation": "SECRET-OBSERVATION-7f3a",
    "message": "SECRET-MESSAGE-7f3a",
}


@dataclass
class Org:
    m: date
    ana: Member
    ben: Member
    carla: Member
    dev: Member
    olga: Member


def at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12, 0)))


def _relationship(one, two, origin, started, closed=None, intro=None, reason="") -> Relationship:
    low, high = sorted((one, two), key=lambda member: member.pk)
    closed_fields = {}
    if closed is not None:
        closed_fields = {"closed_at": at(closed), "closed_by": one, "closed_reason": reason}
    return Relationship.objects.create(
        member_a=low,
        member_b=high,
        origin=origin,
        intro=intro,
        started_at=at(started),
        state=Relationship.State.CLOSED if closed else Relationship.State.ACTIVE,
        **closed_fields,
    )


def _intro(sender, recipient, state, sent, answered=None, **extra) -> Intro:
    return Intro.objects.create(
        sender=sender,
        recipient=recipient,
        state=state,
        message=SECRETS["message"],
        sent_at=at(sent),
        expires_at=at(sent + timedelta(days=14)),
        answered_at=at(answered) if answered else None,
        **extra,
    )


def _exchange(relationship, author, day, *, shared=False, learned=False) -> Exchange:
    return Exchange.objects.create(
        relationship=relationship,
        author=author,
        date=day,
        what_i_shared=SECRETS["shared"] if shared else "",
        what_i_learned=SECRETS["learned"] if learned else "",
        note=SECRETS["note"],
    )


@pytest.fixture
def org(ana, ben, carla, dev, organiser) -> Org:
    m = compute.monday(timezone.localdate())
    for member, level, capacity in ((ana, 3, 2), (ben, 5, 1), (carla, 3, 2), (dev, 2, 2)):
        Member.objects.filter(pk=member.pk).update(level=level, capacity=capacity)
    r3 = _relationship(ben, dev, "help", m - timedelta(days=77))
    _relationship(ana, dev, "profile", m - timedelta(days=63), closed=m - timedelta(days=43))
    r1 = _relationship(ana, ben, "post", m - timedelta(days=14))
    _relationship(ana, carla, "profile", m - timedelta(days=7), closed=m, reason=SECRETS["close"])
    low, high = sorted((carla, dev), key=lambda member: member.pk)
    round_ = Round.objects.create(cohort={"kind": "all"}, state=Round.State.PUBLISHED)
    suggestion = Suggestion.objects.create(round=round_, member_a=low, member_b=high, score=1.0)
    i1 = _intro(carla, dev, "accepted", m, m, suggestion=suggestion, origin="suggestion")
    _relationship(carla, dev, "suggestion", m, intro=i1)
    _intro(ben, carla, "declined", m - timedelta(days=7), m - timedelta(days=6),
           decline_reason=SECRETS["decline"])  # fmt: skip
    _intro(dev, ana, "expired", m - timedelta(days=35), m - timedelta(days=21))
    _intro(ana, carla, "sent", m)
    _intro(dev, carla, "declined", m - timedelta(days=14), m - timedelta(days=13))
    e1 = _exchange(r1, ana, m - timedelta(days=10), shared=True)
    _exchange(r3, ben, m, shared=True, learned=True)
    _exchange(r3, dev, m - timedelta(days=7), learned=True)
    Reflection.objects.create(author=ana, exchange=e1, body=SECRETS["reflection"])
    initiative = Initiative.objects.create(
        lead=ana,
        title="Tag every node pool",
        problem="Nobody knows whose nodes these are.",
        ends_on=m + timedelta(days=30),
        state=Initiative.State.OPEN,
        opened_at=at(m - timedelta(days=30)),
    )
    for observer, subject, day, on in (
        (ben, ana, m - timedelta(days=3), initiative),
        (dev, carla, m, None),
        (organiser, ben, m, initiative),
    ):
        Observation.objects.create(
            observer=observer, subject=subject, seen_on=day, initiative=on,
            text=SECRETS["observation"],
        )  # fmt: skip
    for member, day in ((ana, m - timedelta(days=5)), (ben, m)):
        made = Contribution.objects.create(initiative=initiative, member=member, text="Tagged.")
        Contribution.objects.filter(pk=made.pk).update(created_at=at(day))
    return Org(m, ana, ben, carla, dev, organiser)


@pytest.fixture
def worked_out(org) -> Org:
    """The organisation's figures, worked out as the worker would on this week's Monday."""
    from trellis.insights.services import work_out_insights

    work_out_insights(today=org.m)
    return org
