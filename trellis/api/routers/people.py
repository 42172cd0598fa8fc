"""/me, /members and /topics: profiles and the vocabulary, as the pages show them.

`/me` is the caller's own member and profile; PATCH `/me/profile` goes through the profile
page's own form and `member_update`, so it refuses exactly what the page refuses. The
directory (`/members`) and a profile (`/members/{id}`) read the pages' selectors: people
who left are gone for everyone but themselves, and how to reach someone shows only inside
an open relationship. A topic reads as its page does; following one is the page's button.
"""

from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate

from trellis.api.callers import member_of
from trellis.api.errors import ApiError, answers
from trellis.api.pagination import Cursor
from trellis.api.routers.checked import valid
from trellis.api.schemas.people import (
    FollowOut,
    MemberFilters,
    MemberOut,
    MemberSummaryOut,
    MeOut,
    ProfilePatch,
    TopicDetailOut,
    TopicFilters,
    TopicOut,
)
from trellis.community import selectors as community_selectors
from trellis.community import services as community_services
from trellis.people import selectors
from trellis.people.forms import DirectorySearchForm, ProfileForm
from trellis.people.models import Member, Topic
from trellis.people.requests import request_member
from trellis.people.services import member_update

me = Router(tags=["members"])
members = Router(tags=["members"])
topics = Router(tags=["topics"])


def _me_out(member: Member) -> Member:
    """The member as `MeOut` reads them: with their topic links, in one more query."""
    return selectors.with_profile_topics(member)


@me.get("", response=answers(MeOut), summary="Your member and profile")
def get_me(request: HttpRequest):
    return _me_out(member_of(request))


@me.patch("/profile", response=answers(MeOut), summary="Change your profile")
def update_my_profile(request: HttpRequest, payload: ProfilePatch):
    member = member_of(request)
    form = ProfileForm.with_changes(member, payload.dict(exclude_unset=True))
    valid(form)
    member_update(member=member, **form.profile_changes())
    return _me_out(member)


def topic_named(text: str) -> Topic | None:
    """The topic a filter names; a 422 on `topic` when the vocabulary has none by it."""
    if not text:
        return None
    topic = selectors.topic_for_query(text)
    if topic is None:
        message = f"No topic in the vocabulary matches “{text}”. Try another word for it."
        raise ApiError(422, message, {"topic": message})
    return topic


@members.get(
    "", response=answers(list[MemberSummaryOut], reads_object=False), summary="The directory"
)
@paginate(Cursor, ordering=("display_name", "id"))
def list_members(request: HttpRequest, filters: Query[MemberFilters]):
    cleaned = valid(DirectorySearchForm(filters.dict()))
    return selectors.directory_search(
        query=cleaned["q"],
        topic=topic_named(cleaned["topic"]),
        team=cleaned["team"],
        discipline=cleaned["discipline"],
    )


@members.get("/{int:member_id}", response=answers(MemberOut), summary="A member's profile")
def get_member(request: HttpRequest, member_id: int):
    return selectors.member_profile_for(member_id=member_id, user=request.user)


@topics.get("", response=answers(list[TopicOut], reads_object=False), summary="The vocabulary")
@paginate(Cursor, ordering=("name",))
def list_topics(request: HttpRequest, filters: Query[TopicFilters]):
    return selectors.topics_search(query=filters.q)


@topics.get("/{slug}", response=answers(TopicDetailOut), summary="A topic's page")
def get_topic(request: HttpRequest, slug: str):
    viewer = request_member(request)
    topic = selectors.topic_by_slug(slug=slug)
    people, people_count = community_selectors.topic_people(topic=topic)
    return {
        "slug": topic.slug,
        "name": topic.name,
        "area": topic.area,
        "people_count": people_count,
        "people_counted_up_to": community_selectors.TOPIC_PEOPLE_COUNTED,
        "people": people,
        "recent_posts": community_selectors.topic_posts(topic=topic, viewer=viewer),
        "following": community_selectors.is_following(member=viewer, topic=topic),
    }


@topics.post("/{slug}/follow", response=answers(FollowOut), summary="Follow a topic")
def follow_topic(request: HttpRequest, slug: str):
    member = member_of(request)
    topic = selectors.topic_by_slug(slug=slug)
    community_services.topic_follow(member=member, topic=topic)
    return {"topic": topic, "following": True}


@topics.delete("/{slug}/follow", response=answers(FollowOut), summary="Stop following a topic")
def unfollow_topic(request: HttpRequest, slug: str):
    member = member_of(request)
    topic = selectors.topic_by_slug(slug=slug)
    community_services.topic_unfollow(member=member, topic=topic)
    return {"topic": topic, "following": False}
