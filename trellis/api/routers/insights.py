"""/insights: the organisers' figures (organisers only; anyone else gets 404), read from
what the background worker kept through the same selectors as /organise/insights/.

Each takes the pages' period and cohort: `weeks` (4, 12, 26 or 52) and a `team` or a
`discipline`; a bad value is a 422 naming it, with the page's message.
"""

from django.http import HttpRequest
from ninja import Router

from trellis.api.callers import organiser_only
from trellis.api.errors import ApiError, answers
from trellis.api.schemas.insights import FiguresOut, NetworkBy, NetworkOut, Weeks
from trellis.insights import selectors

router = Router(tags=["insights"])
QUESTIONS = {
    "growing": selectors.growing,
    "mutual": selectors.mutual,
    "load": selectors.load,
    "seen": selectors.seen,
}


def _filters(request: HttpRequest, weeks: int | None, team: str, discipline: str):
    organiser_only(request)
    asked = {"weeks": "" if weeks is None else str(weeks), "team": team, "discipline": discipline}
    filters, errors = selectors.parse_filters(asked)
    if errors:
        raise ApiError(422, next(iter(errors.values())), errors)
    return filters


@router.get("/network", response=answers(NetworkOut), summary="The network picture")
def network(
    request: HttpRequest,
    weeks: Weeks = None,
    team: str = "",
    discipline: str = "",
    by: NetworkBy = "team",
):
    """Teams or disciplines as nodes sized by members; the relationships started between
    them in the period as edges."""
    filters = _filters(request, weeks, team, discipline)
    return selectors.network(weeks=filters.weeks, by=by, cohort=filters.cohort)


def _figures(request: HttpRequest, question: str, weeks: int | None, team: str, discipline: str):
    filters = _filters(request, weeks, team, discipline)
    return QUESTIONS[question](weeks=filters.weeks, cohort=filters.cohort)


@router.get("/growing", response=answers(FiguresOut), summary="Is mentorship growing by itself?")
def growing(request: HttpRequest, weeks: Weeks = None, team: str = "", discipline: str = ""):
    """Members with an active relationship; intros sent, accepted, declined, expired; where
    relationships started; how many continue past 6 and 12 weeks."""
    return _figures(request, "growing", weeks, team, discipline)


@router.get("/mutual", response=answers(FiguresOut), summary="Is it mutual, not hierarchical?")
def mutual(request: HttpRequest, weeks: Weeks = None, team: str = "", discipline: str = ""):
    """Relationships across teams, disciplines and levels; reciprocity; exchanges given
    against received."""
    return _figures(request, "mutual", weeks, team, discipline)


@router.get("/load", response=answers(FiguresOut), summary="Is the load fair?")
def load(request: HttpRequest, weeks: Weeks = None, team: str = "", discipline: str = ""):
    """Active relationships against capacity: members at capacity, the top decile's share,
    the Gini coefficient; people asked often and declining often (counts only)."""
    return _figures(request, "load", weeks, team, discipline)


@router.get("/seen", response=answers(FiguresOut), summary="Is work seen?")
def seen(request: HttpRequest, weeks: Weeks = None, team: str = "", discipline: str = ""):
    """Members whose work was observed from outside their team; observations per
    contribution (the unseen contributors: the organiser page)."""
    return _figures(request, "seen", weeks, team, discipline)
