"""Who fits which initiative, and why in one line: the matching engine's teach and
shared scores between members and initiatives, with a reason in topics people named.

Members see open initiatives that fit what they can help with or are learning;
a lead sees volunteers ranked the same way, their note counted with their profile.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from trellis.initiatives import selectors
from trellis.initiatives.models import Initiative, Volunteer
from trellis.matching.engine.fit import fit_scores
from trellis.matching.engine.people import Person
from trellis.people import hooks
from trellis.people.models import Member, Topic
from trellis.people.selectors import topic_matcher

# Initiatives scored for one member's home page: the newest open ones.
HOME_POOL = 200
HOME_SHOWN = 5


@dataclass(frozen=True)
class Fit:
    """How well a member fits an initiative, and the reason in one line."""

    score: float
    helps: float
    learns: float
    shared: float
    reason: str


@dataclass(frozen=True)
class RankedInitiative:
    initiative: Initiative
    fit: Fit


@dataclass(frozen=True)
class RankedVolunteer:
    volunteer: Volunteer
    fit: Fit


def member_person(
    member: Member, *, extra_offer: str = "", extra_learning: str = "", posts=()
) -> Person:
    """A member as the engine reads them; a volunteer's note adds to what they offer and learn."""
    return Person(
        id=f"m{member.pk}",
        name=member.display_name,
        discipline=member.discipline,
        team=member.team,
        level=member.level or 0,
        manager=None,
        background=tuple(member.background or ()),
        capacity=member.capacity,
        working_on=member.working_on,
        curious_about=member.curious_about,
        can_help_with="\n".join(filter(None, [member.can_help_with, extra_offer])),
        learning="\n".join(filter(None, [member.learning, extra_learning])),
        posts=tuple(posts),
    )


def initiative_person(initiative: Initiative) -> Person:
    """An initiative as the engine reads it: its problem is what it works on, the skills
    it needs what it wants from a helper (and what working on it exercises)."""
    needs = initiative.skills or initiative.title
    return Person(
        id=f"i{initiative.pk}",
        name=initiative.title,
        discipline="",
        team="",
        level=0,
        manager=None,
        background=(),
        capacity=initiative.helpers_wanted,
        working_on=f"{initiative.title}\n{initiative.problem}",
        curious_about=initiative.why_it_matters,
        can_help_with=needs,
        learning=needs,
    )


# --- reasons -----------------------------------------------------------------------------


class _Topics:
    """Topic names in texts, read with one matcher and one query for all of them."""

    def __init__(self, texts: Sequence[str]):
        self.matcher = topic_matcher()
        self.slugs = {text: self._read(text) for text in set(texts)}
        every = {slug for slugs in self.slugs.values() for slug in slugs}
        self.names = dict(Topic.objects.filter(slug__in=every).values_list("slug", "name"))

    def _read(self, text: str) -> list[str]:
        return list(dict.fromkeys(self.matcher.topics(text))) if text.strip() else []

    def common(self, left: str, right: str) -> list[str]:
        """Topics `left` names that `right` names too, by name, in `left`'s order."""
        right_slugs = set(self.slugs[right])
        return [self.names[s] for s in self.slugs[left] if s in right_slugs and s in self.names]


def _listed(names: list[str]) -> str:
    names = names[:3]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _needs(initiative: Initiative) -> str:
    return f"{initiative.skills}\n{initiative.title}\n{initiative.problem}"


def _interests(person: Person) -> str:
    return f"{person.working_on}\n{person.curious_about}"


def _texts(person: Person, initiative: Initiative) -> list[str]:
    return [person.can_help_with, person.learning, _interests(person), _needs(initiative)]


def _member_reason(
    topics: _Topics, person: Person, initiative: Initiative, scores: tuple[float, float, float]
) -> str:
    """Why an initiative fits a member, addressed to them."""
    needs = _needs(initiative)
    helps, learns, shared = scores
    options = [
        (
            helps,
            topics.common(person.can_help_with, needs),
            "It needs {}, which you can help with.",
        ),
        (
            shared,
            topics.common(_interests(person), needs),
            "It is about {}, which you work on too.",
        ),
        (
            learns,
            topics.common(person.learning, needs),
            "You would practise {}, which you are learning.",
        ),
    ]
    for _, named, sentence in sorted(options, key=lambda option: -option[0]):
        if named:
            return sentence.format(_listed(named))
    strongest = max(range(3), key=lambda i: options[i][0])
    return (
        "It needs what you say you can help with.",
        "It is close to what you work on.",
        "It uses what you are learning.",
    )[strongest]


def _volunteer_reason(
    topics: _Topics, person: Person, initiative: Initiative, scores: tuple[float, float, float]
) -> str:
    """Why a volunteer fits an initiative, for its lead."""
    needs = _needs(initiative)
    helps, learns, shared = scores
    options = [
        (helps, topics.common(person.can_help_with, needs), "Can help with {}, which it needs."),
        (shared, topics.common(_interests(person), needs), "Works on {} too."),
        (learns, topics.common(person.learning, needs), "Wants to learn {}, which it uses."),
    ]
    for _, named, sentence in sorted(options, key=lambda option: -option[0]):
        if named:
            return sentence.format(_listed(named))
    if max(helps, learns, shared) <= 0:
        return "Nothing in their profile or note names what it needs; read their note."
    return "Their profile and note are close to what it needs."


def _fit(scores, i: int, j: int) -> tuple[float, float, float, float]:
    return (
        float(scores.fit[i, j]),
        float(scores.helps[i, j]),
        float(scores.learns[i, j]),
        float(scores.shared[i, j]),
    )


# --- rankings ------------------------------------------------------------------------------


def initiatives_for(*, member: Member, limit: int = HOME_SHOWN) -> list[RankedInitiative]:
    """Open initiatives that fit what `member` can help with, works on or is learning,
    best first, each with a reason; initiatives that share nothing are left out."""
    pool = selectors.open_initiatives_for_fit(member=member, limit=HOME_POOL)
    if not pool:
        return []
    posts = hooks.member_writing(member_ids=[member.pk]).get(member.pk, ())
    person = member_person(member, posts=posts)
    scores = fit_scores([person], [initiative_person(i) for i in pool])
    ranked = sorted(
        ((j, _fit(scores, 0, j)) for j in range(len(pool))), key=lambda item: -item[1][0]
    )
    shown = [(j, values) for j, values in ranked[:limit] if values[0] > 0]
    # Read once for all of them: the home page costs the same queries however many show.
    topics = _Topics([text for j, _ in shown for text in _texts(person, pool[j])])
    found = []
    for j, (score, helps, learns, shared) in shown:
        reason = _member_reason(topics, person, pool[j], (helps, learns, shared))
        found.append(RankedInitiative(pool[j], Fit(score, helps, learns, shared, reason)))
    return found


def rank_volunteers(
    *, initiative: Initiative, volunteers: list[Volunteer]
) -> list[RankedVolunteer]:
    """`volunteers` (each with its member) best fit first, each with a reason for the lead.

    Offers still waiting come first, then the team, then declined ones.
    """
    if not volunteers:
        return []
    people = [
        member_person(v.member, extra_offer=v.brings, extra_learning=v.wants_to_learn)
        for v in volunteers
    ]
    scores = fit_scores(people, [initiative_person(initiative)])
    order = {Volunteer.State.APPLIED: 0, Volunteer.State.ACCEPTED: 1, Volunteer.State.DECLINED: 2}
    # Read once for every volunteer, so the list costs the same queries however long it is.
    topics = _Topics([text for person in people for text in _texts(person, initiative)])
    ranked = []
    for i, volunteer in enumerate(volunteers):
        score, helps, learns, shared = _fit(scores, i, 0)
        reason = _volunteer_reason(topics, people[i], initiative, (helps, learns, shared))
        ranked.append(RankedVolunteer(volunteer, Fit(score, helps, learns, shared, reason)))
    return sorted(ranked, key=lambda r: (order.get(r.volunteer.state, 3), -r.fit.score))
