"""Schemas for posts and replies: public to every member, as their pages are.

A post or reply is shown as its author wrote it (markdown) and, on a post's own page,
rendered safely (`body_html`, the same sanitised HTML the page shows). A deleted post,
and the posts and replies of people who left, are not there for anyone else.
"""

from __future__ import annotations

from datetime import datetime

from ninja import Schema
from pydantic import Field

from trellis.api.schemas import choices_named
from trellis.api.schemas.people import MAX_ID, MemberRef, SearchText, TopicRef
from trellis.community import markdown
from trellis.community.models import Post
from trellis.people.requests import request_member

PostState = choices_named("PostState", Post.State)


class PostOut(Schema):
    id: int
    author: MemberRef
    title: str = Field(description="Its title; empty when it has none.")
    body: str = Field(description="Markdown, as its author wrote it.")
    topics: list[TopicRef] = Field(description="Topics of the vocabulary it names, by name.")
    state: PostState = Field(description="published; deleted only in the answer to a delete.")
    edited: bool = Field(description="Changed after it was first posted.")
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_edited(post: Post) -> bool:
        return post.is_edited


class PostDetailOut(PostOut):
    """A post as its page shows it to the caller."""

    body_html: str = Field(description="The body rendered as the page shows it (sanitised).")
    about: str = Field(description='What it is about, to finish "I saw your post about …".')
    is_author: bool = Field(description="You wrote it.")

    @staticmethod
    def resolve_body_html(post: Post) -> str:
        return markdown.render(post.body)

    @staticmethod
    def resolve_about(post: Post) -> str:
        return post.about([topic.name for topic in post.topics.all()])

    @staticmethod
    def resolve_is_author(post: Post, context) -> bool:
        caller = request_member(context["request"])
        return caller is not None and post.author_id == caller.pk


class PostIn(Schema):
    title: str = Field(default="", description="Optional: say what the problem is.")
    body: str = Field(description="Markdown: what you are working on, tried, are stuck on.")


class PostFilters(Schema):
    topic: SearchText = Field(
        default="", description="A topic's slug, name, synonym or abbreviation (k8s, a11y)."
    )
    author: int | None = Field(default=None, ge=1, le=MAX_ID, description="A member's id.")


class ReplyOut(Schema):
    id: int
    post_id: int
    author: MemberRef
    body: str = Field(description="Markdown, as its author wrote it.")
    helped: bool = Field(description="The post's author said it helped.")
    helped_at: datetime | None
    created_at: datetime


class ReplyIn(Schema):
    body: str = Field(description="Markdown: what you tried, or would look at first.")
