"""The four questions, each a `Figures` for one period and cohort: is mentorship growing,
is it mutual, is the load fair, is work seen."""

from __future__ import annotations

from trellis.insights import compute, measures
from trellis.insights.selectors.filters import Cohort, Filters
from trellis.insights.selectors.kept import (
    Figures,
    Headline,
    Measure,
    Table,
    _figures,
    _hide_declines_of_few,
    _Kept,
    _kept,
    _ratio,
    _sum,
)

GROWING = [
    Measure(
        "with_relationship",
        "Members in a relationship",
        (
            "Members of the cohort with at least one relationship that was open (active or "
            "resting, not closed) at the week's end."
        ),
    ),
    Measure("intros_sent", "Intros sent", "Intros sent that week by or to a member of the cohort."),
    Measure("intros_accepted", "Accepted", "Intros accepted that week."),
    Measure(
        "intros_declined",
        "Declined",
        "Intros declined that week (a count: who declined is never shown).",
    ),
    Measure("intros_expired", "Expired", "Intros that expired unanswered that week."),
    Measure(
        "started",
        "Relationships started",
        "Relationships started that week with a member of the cohort in them.",
    ),
    Measure(
        "from_round", "From a round", "Of those, started from an organiser's round suggestion."
    ),
    Measure(
        "from_recommendation",
        "From a recommendation",
        "Started from a member's own recommendations.",
    ),
    Measure(
        "from_suggestion",
        "From a suggestion since removed",
        (
            "Started from a suggestion no longer kept, so whether a round or a recommendation is "
            "unknown."
        ),
    ),
    Measure("from_post", "From a post", "Started by answering a post."),
    Measure("from_profile", "From a profile", "Started from someone's profile."),
    Measure(
        "from_help",
        "From “who could help”",
        "Started from the list of who could help with a problem.",
    ),
    Measure(
        "from_initiative", "From an initiative", "Started from working on an initiative together."
    ),
    Measure(
        "continued_6",
        "Still open after 6 weeks",
        (
            "Of the relationships started that week, those not closed within 6 weeks of starting "
            "(empty: not 6 weeks old yet)."
        ),
    ),
    Measure(
        "continued_12",
        "Still open after 12 weeks",
        "The same, after 12 weeks (empty: not 12 weeks old yet).",
    ),
]


def growing(*, weeks: int, cohort: Cohort, _kept_figures: _Kept | None = None) -> Figures:
    """Is mentorship growing by itself? Members in relationships, intros and what became of
    them, where relationships started, and how many last."""
    filters = Filters(weeks, cohort)
    kept = _kept_figures or _kept(cohort)
    figures, kept_weeks = _figures("growing", filters, kept, GROWING)
    if not kept_weeks:
        return figures
    started = _sum(kept_weeks, "started")
    answered = sum(_sum(kept_weeks, f"intros_{s}") for s in ("accepted", "declined", "expired"))
    by_round = _sum(kept_weeks, "from_round")
    old_enough = [w for w in kept_weeks if w.get("continued_6") is not None]
    figures.headlines.extend(
        [
            Headline(
                "Members in a relationship now",
                f"{kept_weeks[-1]['with_relationship']} of {figures.members}",
                (
                    "Members of the cohort on the roster with an open relationship at the end of "
                    "this week."
                ),
            ),
            Headline(
                "Intros sent",
                str(_sum(kept_weeks, "intros_sent")),
                "Over the period, by or to a member of the cohort.",
            ),
            Headline(
                "Intros accepted",
                _ratio(measures.share(_sum(kept_weeks, "intros_accepted"), answered)),
                "Of the intros answered or expired in the period, the share accepted.",
            ),
            Headline(
                "Relationships started",
                str(started),
                "Over the period, with a member of the cohort in them.",
            ),
            Headline(
                "Started without a round",
                _ratio(measures.share(started - by_round, started)),
                (
                    "The share of those that began from a post, a profile, a recommendation, “who"
                    " could help” or an initiative rather than a round: mentorship growing by "
                    "itself."
                ),
            ),
            Headline(
                "Still open after 6 weeks",
                _ratio(
                    measures.share(_sum(old_enough, "continued_6"), _sum(old_enough, "started"))
                ),
                (
                    "Of the relationships started in the period at least 6 weeks ago, the share "
                    "not closed within 6 weeks."
                ),
            ),
        ]
    )
    return _hide_declines_of_few(figures)


MUTUAL = [
    Measure(
        "started",
        "Relationships started",
        "Relationships started that week with a member of the cohort in them.",
    ),
    Measure("cross_team", "Across teams", "Of those, between members of two different teams."),
    Measure(
        "cross_discipline", "Across disciplines", "Between members of two different disciplines."
    ),
    Measure("same_level", "Same level", "Between members at the same level."),
    Measure(
        "exchanged",
        "With an exchange",
        "Relationships with an exchange recorded for that week (by either member).",
    ),
    Measure(
        "both_ways",
        "Value both ways",
        (
            "Of those, relationships where both members gave something that week (what one "
            "shared, or the other learned)."
        ),
    ),
    Measure(
        "levels_differ",
        "Different levels",
        (
            "Of the relationships with an exchange that week, those between members at different "
            "levels."
        ),
    ),
    Measure(
        "junior_gave",
        "The junior one gave",
        "Of those, relationships where the member at the lower level gave something that week.",
    ),
]


def mutual(*, weeks: int, cohort: Cohort, _kept_figures: _Kept | None = None) -> Figures:
    """Is it mutual, not hierarchical? Relationships across teams, disciplines and levels,
    reciprocity, and how what members gave compares with what they received."""
    filters = Filters(weeks, cohort)
    kept = _kept_figures or _kept(cohort)
    figures, kept_weeks = _figures("mutual", filters, kept, MUTUAL)
    if not kept_weeks:
        return figures
    started = _sum(kept_weeks, "started")
    figures.headlines.extend(
        [
            Headline(
                "Across teams",
                _ratio(measures.share(_sum(kept_weeks, "cross_team"), started)),
                "Of the relationships started in the period, the share between two teams.",
            ),
            Headline(
                "Across disciplines",
                _ratio(measures.share(_sum(kept_weeks, "cross_discipline"), started)),
                "Of the relationships started in the period, the share between two disciplines.",
            ),
            Headline(
                "Same level",
                _ratio(measures.share(_sum(kept_weeks, "same_level"), started)),
                (
                    "Of the relationships started in the period, the share between members at the"
                    " same level."
                ),
            ),
            Headline(
                "The junior one gave",
                _ratio(
                    measures.share(
                        _sum(kept_weeks, "junior_gave"), _sum(kept_weeks, "levels_differ")
                    )
                ),
                (
                    "Of the weekly exchanges between members at different levels, the share where"
                    " the more junior member gave something."
                ),
            ),
            Headline(
                "Reciprocity",
                _ratio(
                    measures.share(_sum(kept_weeks, "both_ways"), _sum(kept_weeks, "exchanged"))
                ),
                (
                    "Of the relationships with an exchange in a week, counted each week, the "
                    "share where value went both ways."
                ),
            ),
        ]
    )
    balance = kept.periods[str(weeks)]["balance"]
    figures.tables.append(
        Table(
            "What members gave against what they received",
            (
                "Members of the cohort with an exchange in the period, by the number of things "
                "they gave (shared) less the number they received (learned) over the whole "
                "period."
            ),
            ("Balance", "Members"),
            list(balance.items()),
        )
    )
    return figures


LOAD = [
    Measure(
        "with_relationship",
        "Members in a relationship",
        "Members of the cohort with at least one open relationship at the week's end.",
    ),
    Measure(
        "at_capacity",
        "At capacity",
        (
            "Members with as many open relationships as the capacity they set, or more (those who"
            " set 0 aside), at the week's end."
        ),
    ),
    Measure(
        "gini",
        "Gini",
        (
            "How unevenly open relationships are spread over the cohort's members at the week's "
            "end: 0 everyone has as many, 1 one member has them all."
        ),
    ),
    Measure(
        "top_decile",
        "Top tenth's share",
        (
            "The share of all open relationships held by the tenth of members who hold the most, "
            "at the week's end."
        ),
    ),
    Measure(
        "asked_often",
        "Asked often",
        (
            f"Members who received {compute.ASKED_OFTEN} or more intros in the "
            f"{compute.ASKED_WINDOW} weeks to the week's end (a count, no names)."
        ),
    ),
    Measure(
        "declining_often",
        "Declining often",
        "Of those, members who declined at least half of them (a count, no names).",
    ),
]


def _histogram(week: dict) -> dict[int, int]:
    return {int(k): v for k, v in (week.get("load_histogram") or {}).items()}


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def load(*, weeks: int, cohort: Cohort, _kept_figures: _Kept | None = None) -> Figures:
    """Is the load fair? Open relationships per member against capacity, how unevenly they
    are spread, and members asked often and declining often (counts only)."""
    filters = Filters(weeks, cohort)
    derived = {
        "gini": lambda week: _rounded(measures.gini(_histogram(week))),
        "top_decile": lambda week: _rounded(measures.top_decile_share(_histogram(week))),
    }
    kept = _kept_figures or _kept(cohort)
    figures, kept_weeks = _figures("load", filters, kept, LOAD, derived)
    if not kept_weeks:
        return figures
    last = kept_weeks[-1]
    histogram = _histogram(last)
    gini = measures.gini(histogram)
    figures.headlines.extend(
        [
            Headline(
                "At capacity now", f"{last['at_capacity']} of {figures.members}", LOAD[1].definition
            ),
            Headline("Gini", "—" if gini is None else f"{gini:.2f}", LOAD[2].definition),
            Headline(
                "Top tenth's share",
                _ratio(measures.top_decile_share(histogram)),
                LOAD[3].definition,
            ),
            Headline("Asked often", str(last["asked_often"]), LOAD[4].definition),
            Headline("Declining often", str(last["declining_often"]), LOAD[5].definition),
        ]
    )
    figures.tables.append(
        Table(
            "Members by open relationships now",
            (
                "How many members of the cohort have each number of open relationships at the end"
                " of this week."
            ),
            ("Open relationships", "Members"),
            sorted(histogram.items()),
        )
    )
    return _hide_declines_of_few(figures)


SEEN = [
    Measure(
        "contributors",
        "Contributors",
        "Members of the cohort who recorded a contribution to an initiative that week.",
    ),
    Measure("contributions", "Contributions", "Contributions they recorded that week."),
    Measure(
        "observed",
        "Members observed",
        "Members of the cohort whose work someone recorded seeing that week.",
    ),
    Measure(
        "observed_outside",
        "Observed from outside their team",
        "Of those, members seen by someone from another team.",
    ),
    Measure(
        "initiative_observations",
        "Observations on initiatives",
        "Observations of work on an initiative that week.",
    ),
    Measure(
        "per_contribution",
        "Observations per contribution",
        "Observations on initiatives divided by contributions, that week.",
    ),
]


def seen(*, weeks: int, cohort: Cohort, _kept_figures: _Kept | None = None) -> Figures:
    """Is work seen? Members observed from outside their team, by team and discipline, and
    observations per contribution."""
    filters = Filters(weeks, cohort)
    kept = _kept_figures or _kept(cohort)
    per = {
        "per_contribution": lambda week: _rounded(
            measures.share(week.get("initiative_observations", 0), week.get("contributions", 0))
        )
    }
    figures, kept_weeks = _figures("seen", filters, kept, SEEN, per)
    if not kept_weeks:
        return figures
    seen_by = kept.periods[str(weeks)]["seen_by"]
    ratio = measures.share(
        _sum(kept_weeks, "initiative_observations"), _sum(kept_weeks, "contributions")
    )
    figures.headlines.extend(
        [
            Headline(
                "Seen from outside their team",
                f"{seen_by['members_seen']} of {figures.members}",
                (
                    "Members of the cohort whose work someone from another team recorded seeing "
                    "in the period."
                ),
            ),
            Headline(
                "Observations per contribution",
                "—" if ratio is None else f"{ratio:.2f}",
                (
                    "Observations of work on initiatives in the period, divided by the "
                    "contributions recorded in it."
                ),
            ),
        ]
    )
    definition = (
        "Members on the roster, and how many of them someone from another team saw at work in the"
        " period."
    )
    figures.tables.append(
        Table(
            "By discipline",
            definition,
            ("Discipline", "Members", "Seen from outside"),
            [tuple(r) for r in seen_by["discipline"]],
        )
    )
    figures.tables.append(
        Table(
            f"By team (the {compute.TABLE_TEAMS} with the most seen)",
            definition,
            ("Team", "Members", "Seen from outside"),
            [tuple(r) for r in seen_by["team"]],
        )
    )
    return figures


def overview(*, weeks: int, cohort: Cohort) -> dict[str, Figures]:
    """The four questions' figures for one period and cohort, read (or for a team, worked
    out) once for all four."""
    kept = _kept(cohort)
    return {
        name: select(weeks=weeks, cohort=cohort, _kept_figures=kept)
        for name, select in (
            ("growing", growing),
            ("mutual", mutual),
            ("load", load),
            ("seen", seen),
        )
    }
