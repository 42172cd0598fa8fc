"""Schemas for members, profiles and topics.

A member as the directory and their profile page show them to the caller: what they work
on and offer, never their level, manager or capacity (those are the member's own, in
`/me`), and how to reach them only inside an open relationship, as the page decides.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator, ConfigDict, Field

from trellis.api.schemas import choices_named
from trellis.connections.contact import ContactCard, card_for_viewer
from trellis.people.models import Member, ProfileTopic
from trellis.people.requests import request_member
from trellis.text import limits
from trellis.text.characters import character_problem

MemberStatus = choices_named("MemberStatus", Member.Status)

MAX_ID = 2**63 - 1  # a database id: anything larger is a request for nothing


def _one_line(value: str) -> str:
    """A filter's text as a search box takes it: one line, no character a page refuses."""
    problem = character_problem(value, multiline=False, label="This filter")
    if problem:
        raise ValueError(problem)
    return value.strip()


SearchText = Annotated[str, Field(max_length=limits.SEARCH), AfterValidator(_one_line)]


class MemberRef(Schema):
    id: int
    display_name: str


class TopicRef(Schema):
    slug: str
    name: str


class TopicOut(Schema):
    slug: str
    name: str
    area: str = Field(description="The part of the vocabulary it belongs to.")


class ProfileTopicsOut(Schema):
    """The vocabulary's topics each profile statement mentions, by name."""

    working_on: list[TopicRef]
    curious_about: list[TopicRef]
    can_help_with: list[TopicRef]
    learning: list[TopicRef]


class ContactOut(Schema):
    """How to reach the other member: shown only while the two share an open relationship."""

    name: str
    email: str
    chat_handle: str
    booking_link: str


class MemberSummaryOut(Schema):
    """A member as the directory lists them."""

    id: int
    display_name: str
    discipline: str
    team: str
    status: MemberStatus = Field(description="active or paused (people who left are not listed).")
    working_on: str = Field(description="The problems on their desk now, in their words.")
    topics: list[TopicRef] = Field(description="Every topic their statements mention, by name.")

    @staticmethod
    def resolve_topics(member: Member) -> list[dict[str, str]]:
        seen: dict[int, dict[str, str]] = {}
        for link in member.profile_topics.all():  # prefetched, by topic name
            seen.setdefault(link.topic_id, {"slug": link.topic.slug, "name": link.topic.name})
        return list(seen.values())


class ProfileFields(Schema):
    """What every member may read of a profile."""

    id: int
    display_name: str
    discipline: str
    team: str
    status: MemberStatus
    working_on: str
    curious_about: str
    can_help_with: str
    learning: str
    topics: ProfileTopicsOut
    background: list[str]
    languages: list[str]
    timezone: str
    open_to_peer_learning: bool
    open_to_initiatives: bool
    open_to_helping: bool

    @staticmethod
    def resolve_topics(member: Member) -> dict[str, list[dict[str, str]]]:
        grouped: dict[str, list[dict[str, str]]] = {s: [] for s in ProfileTopic.Statement.values}
        for link in member.profile_topics.all():  # prefetched, by topic name
            grouped[link.statement].append({"slug": link.topic.slug, "name": link.topic.name})
        return grouped


class MemberOut(ProfileFields):
    """A member's profile as their page shows it to the caller."""

    is_self: bool = Field(description="It is your own profile.")
    contact: ContactOut | None = Field(
        description="How to reach them: only while you share an open relationship; else null."
    )

    @staticmethod
    def resolve_is_self(member: Member, context) -> bool:
        return member.user_id == context["request"].user.pk

    @staticmethod
    def resolve_contact(member: Member, context) -> ContactCard | None:
        # The page's own rule: the card only for someone in an open relationship with them.
        return card_for_viewer(viewer=request_member(context["request"]), member=member)


class MeOut(ProfileFields):
    """Your own member and profile, with what only you (and the roster) know of it."""

    email: str
    level: int | None = Field(description="From the roster; an organiser changes it.")
    manager: MemberRef | None = Field(description="From the roster; an organiser changes it.")
    capacity: int = Field(description="How many active relationships you want at most.")
    chat_handle: str = Field(description="Shown only to people you have a relationship with.")
    booking_link: str = Field(description="Shown only to people you have a relationship with.")
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_email(member: Member) -> str:
        return member.user.email


class ProfilePatch(Schema):
    """The fields of your profile page; each one left out keeps its value. Level and
    manager are not here: they come from the roster or an organiser."""

    model_config = ConfigDict(extra="forbid")

    display_name: str = Field(default=None, description="Your name.")
    working_on: str = Field(default=None, description="The problems on your desk now.")
    curious_about: str = Field(default=None)
    can_help_with: str = Field(default=None)
    learning: str = Field(default=None)
    discipline: str = Field(default=None)
    team: str = Field(default=None)
    background: list[str] = Field(
        default=None, description="Tags; a comma inside one splits it in two, as on the page."
    )
    languages: list[str] = Field(default=None, description="Tags, as for background.")
    timezone: str = Field(default=None, description="An IANA name, such as Europe/Lisbon.")
    capacity: int = Field(default=None, description="Active relationships at most (0 to 20).")
    open_to_peer_learning: bool = Field(default=None)
    open_to_initiatives: bool = Field(default=None)
    open_to_helping: bool = Field(default=None)
    status: str = Field(
        default=None, description="active, or paused to step out of suggestions for now."
    )
    chat_handle: str = Field(default=None)
    booking_link: str = Field(default=None, description="A https:// link, or empty.")


class MemberFilters(Schema):
    q: str = Field(default="", description="Words of the name (case and accents aside).")
    topic: str = Field(
        default="", description="A topic's slug, name, synonym or abbreviation (k8s, a11y)."
    )
    team: str = Field(default="", description="One team, by its exact name.")
    discipline: str = Field(default="", description="One discipline, by its exact name.")


class TopicFilters(Schema):
    q: SearchText = Field(
        default="", description="Part of the topic's name, a synonym or an abbreviation."
    )


class TopicDetailOut(TopicOut):
    """A topic as its page shows it."""

    people_count: int = Field(
        description="How many people still in the network name it on their profile, counted "
        "up to people_counted_up_to + 1."
    )
    people_counted_up_to: int = Field(
        description="When people_count is above this, read it as 'more than this many'."
    )
    people: list[MemberRef] = Field(description="The first of them by name.")
    recent_posts: list[PostRef] = Field(description="The newest posts on it.")
    following: bool = Field(description="You follow it: its newest posts show on your home.")


class PostRef(Schema):
    id: int
    title: str = Field(description="Its title; empty when it has none.")
    about: str = Field(description="Its title, or its first words when it has none.")
    author: MemberRef
    created_at: datetime

    @staticmethod
    def resolve_about(post) -> str:
        return str(post)


class FollowOut(Schema):
    topic: TopicOut
    following: bool


TopicDetailOut.model_rebuild()
