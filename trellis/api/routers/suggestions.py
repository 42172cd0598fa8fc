"""/suggestions, /recommendations and /helpers: who the caller might meet, and who could
help, exactly as their pages show them.

All three are read as stored: the background worker works them out (matching's tasks),
never a request. Suggestions are a round's published pairs, recommendations the worker's
for the caller; both at most as many as the home page shows (not paged). A suggestion the
caller may not see is 404; dismissing one hides it from the caller alone.
"""

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from trellis.api.callers import member_of
from trellis.api.errors import ApiError, answers
from trellis.api.schemas.connections import MemberRef, SuggestionOut
from trellis.community import selectors as community_selectors
from trellis.community.models import Post
from trellis.home import services as home_services
from trellis.home.selectors import own_helpers
from trellis.matching import selectors as matching_selectors
from trellis.matching import services as matching_services
from trellis.people.models import Member, Topic
from trellis.text import limits

suggestions_router = Router(tags=["suggestions"])
recommendations_router = Router(tags=["suggestions"])
helpers_router = Router(tags=["suggestions"])


class SuggestionsOut(Schema):
    results: list[SuggestionOut] = Field(
        description=f"At most {matching_selectors.HOME_SUGGESTIONS}, best first."
    )


class RecommendationsOut(Schema):
    results: list[SuggestionOut] = Field(
        description=f"At most {matching_selectors.HOME_RECOMMENDATIONS}, best first."
    )


class HelperOut(Schema):
    id: int = Field(description="Give it as `helper` when composing or sending an intro.")
    helper: MemberRef
    position: int = Field(description="1 for the best placed to help.")
    reason: str = Field(description="Why they could help, written to you.")


class HelpersOut(Schema):
    about: str = Field(description='"member" (your own work), "post" or "topic".')
    worked_out: bool = Field(
        description="False until the background worker has looked: it is being worked out."
    )
    results: list[HelperOut]


def _dismiss(request: HttpRequest, suggestion_id: int):
    member = member_of(request)
    return matching_services.suggestion_dismiss(suggestion_id=suggestion_id, member=member)


def _restore(request: HttpRequest, suggestion_id: int):
    member = member_of(request)
    return matching_services.suggestion_restore(suggestion_id=suggestion_id, member=member)


@suggestions_router.get("", response=answers(SuggestionsOut), summary="Your suggestions")
def list_suggestions(request: HttpRequest):
    """Published round suggestions as your home page shows them: only people you can write
    to now, each person once."""
    suggestions, _ = matching_selectors.home_suggestions(member=member_of(request))
    return {"results": suggestions}


@suggestions_router.post(
    "/{suggestion_id}/dismiss", response=answers(SuggestionOut), summary="Dismiss"
)
def dismiss_suggestion(request: HttpRequest, suggestion_id: int):
    """Hide a suggestion from yourself (the other never learns of it); undo with /restore."""
    return _dismiss(request, suggestion_id)


@suggestions_router.post(
    "/{suggestion_id}/restore", response=answers(SuggestionOut), summary="Undo a dismissal"
)
def restore_suggestion(request: HttpRequest, suggestion_id: int):
    return _restore(request, suggestion_id)


@recommendations_router.get(
    "", response=answers(RecommendationsOut), summary="Your recommendations"
)
def list_recommendations(request: HttpRequest):
    """People the background worker recommends to you, as your home page shows them."""
    _, recommendations = matching_selectors.home_suggestions(member=member_of(request))
    return {"results": recommendations}


@recommendations_router.post(
    "/{suggestion_id}/dismiss", response=answers(SuggestionOut), summary="Dismiss"
)
def dismiss_recommendation(request: HttpRequest, suggestion_id: int):
    return _dismiss(request, suggestion_id)


@recommendations_router.post(
    "/{suggestion_id}/restore", response=answers(SuggestionOut), summary="Undo a dismissal"
)
def restore_recommendation(request: HttpRequest, suggestion_id: int):
    return _restore(request, suggestion_id)


def _subject(member: Member, topic: str | None, post: int | None) -> Topic | Post | None:
    """The topic or post asked about (None: the caller's own work); 422 naming the field
    for one that is not there or not the caller's to read."""
    if topic is not None and post is not None:
        raise ApiError(422, "Give a topic or a post, not both.", {"topic": "Not with post."})
    if topic is not None:
        try:
            return Topic.objects.get(slug=topic)
        except Topic.DoesNotExist:
            raise ApiError(422, "No such topic.", {"topic": "No such topic."}) from None
    if post is not None:
        try:
            return community_selectors.post_for_viewer(post_id=post, viewer=member)
        except Post.DoesNotExist:
            raise ApiError(422, "No such post.", {"post": "No such post."}) from None
    return None


def _helpers_of(member: Member, subject: Topic | Post | None):
    if isinstance(subject, Topic):
        return "topic", matching_selectors.helpers_shown(viewer=member, topic=subject)
    if isinstance(subject, Post):
        return "post", matching_selectors.helpers_shown(viewer=member, post_id=subject.pk)
    return "member", own_helpers(member)


TopicQuery = Query(
    None, max_length=limits.SEARCH, pattern=r"^[-a-z0-9_]+$", description="A topic's slug."
)
PostQuery = Query(None, description="A post's id.")


@helpers_router.get("", response=answers(HelpersOut), summary="Who could help")
def list_helpers(
    request: HttpRequest, topic: str | None = TopicQuery, post: int | None = PostQuery
):
    """Who could help with a topic, with a post, or (neither given) with what you work on
    and are learning: as stored by the background worker, checked for you now."""
    member = member_of(request)
    about, shown = _helpers_of(member, _subject(member, topic, post))
    if shown is None:  # not active: nobody is shown
        return {"about": about, "worked_out": True, "results": []}
    results = [
        {"id": entry.pk, "helper": entry.helper, "position": entry.position, "reason": entry.reason}
        for entry in shown.helpers
    ]
    return {"about": about, "worked_out": shown.worked_out, "results": results}


class AskedOut(Schema):
    detail: str


ASKED = "Asked for (if it needed working out); read it again shortly."


@helpers_router.post(
    "/work-out",
    response=answers(AskedOut, status=202),
    summary="Ask the worker to work it out",
)
def work_out_helpers(
    request: HttpRequest, topic: str | None = TopicQuery, post: int | None = PostQuery
):
    """Ask the background worker for who could help (with a topic, a post, or your own
    work, as for GET), when it was never worked out or your profile changed since. The
    pages ask this way once loaded; nothing is worked out during the request."""
    member = member_of(request)
    subject = _subject(member, topic, post)
    if isinstance(subject, Topic):
        home_services.work_out_topic(topic=subject)
    elif isinstance(subject, Post):
        home_services.work_out_post(post=subject)
    else:
        home_services.work_out_mine(member=member)
    return Status(202, {"detail": ASKED})


@recommendations_router.post(
    "/work-out",
    response=answers(AskedOut, status=202),
    summary="Ask the worker to work them out",
)
def work_out_recommendations(request: HttpRequest):
    """Ask the background worker for your recommendations (and who could help you, and
    the initiatives that fit you), when missing or older than your profile."""
    home_services.work_out_mine(member=member_of(request))
    return Status(202, {"detail": ASKED})
