"""/posts and /replies: write-ups of problems and the answers to them, as their pages have
them, through the community selectors and services.

Whoever may read, delete or mark what is decided below: a post is its author's to delete,
a reply its author's; only a post's author says a reply helped (`reply_mark_helped`).
Anything the caller may not act on is 404, as on the pages; input goes through the pages'
own forms, so a refused post or reply writes nothing and says why, by field.
"""

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from trellis.api.callers import member_of
from trellis.api.errors import answers
from trellis.api.pagination import Cursor
from trellis.api.routers.checked import valid
from trellis.api.routers.people import topic_named
from trellis.api.schemas.community import (
    PostDetailOut,
    PostFilters,
    PostIn,
    PostOut,
    ReplyIn,
    ReplyOut,
)
from trellis.community import selectors, services
from trellis.community.forms import PostForm, ReplyForm
from trellis.people.requests import request_member

posts = Router(tags=["posts"])
replies = Router(tags=["posts"])


@posts.get("", response=answers(list[PostOut], reads_object=False), summary="Posts")
@paginate(Cursor)
def list_posts(request: HttpRequest, filters: Query[PostFilters]):
    return selectors.posts_for_viewer(
        viewer=request_member(request),
        author_id=filters.author,
        topic=topic_named(filters.topic),
    )


# 404 is declared: a login without a member profile has no one to post as.
@posts.post("", response=answers(PostDetailOut, status=201), summary="Write a post")
def create_post(request: HttpRequest, payload: PostIn):
    author = member_of(request)
    cleaned = valid(PostForm(payload.dict()))
    post = services.post_create(author=author, **cleaned)
    return Status(201, selectors.post_for_viewer(post_id=post.pk, viewer=author))


@posts.get("/{int:post_id}", response=answers(PostDetailOut), summary="A post")
def get_post(request: HttpRequest, post_id: int):
    return selectors.post_for_viewer(post_id=post_id, viewer=request_member(request))


@posts.delete("/{int:post_id}", response=answers(PostOut), summary="Delete your post")
def delete_post(request: HttpRequest, post_id: int):
    author = member_of(request)
    post = selectors.own_post(post_id=post_id, author=author)
    return services.post_delete(post=post, member=author)


@posts.get("/{int:post_id}/replies", response=answers(list[ReplyOut]), summary="A post's replies")
@paginate(Cursor, ordering=("created_at", "id"))
def list_replies(request: HttpRequest, post_id: int):
    viewer = request_member(request)
    post = selectors.post_for_viewer(post_id=post_id, viewer=viewer)
    return selectors.replies_to(post=post, viewer=viewer)


@posts.post(
    "/{int:post_id}/replies", response=answers(ReplyOut, status=201), summary="Reply to a post"
)
def create_reply(request: HttpRequest, post_id: int, payload: ReplyIn):
    author = member_of(request)
    post = selectors.post_for_viewer(post_id=post_id, viewer=author)
    cleaned = valid(ReplyForm(payload.dict()))
    return Status(201, services.reply_create(post=post, author=author, **cleaned))


@replies.delete("/{int:reply_id}", response=answers(ReplyOut), summary="Delete your reply")
def delete_reply(request: HttpRequest, reply_id: int):
    member = member_of(request)
    reply = selectors.reply_for_viewer(reply_id=reply_id, viewer=member)
    services.reply_delete(reply=reply, member=member)
    return reply


@replies.post(
    "/{int:reply_id}/helped", response=answers(ReplyOut), summary="Say a reply helped you"
)
def mark_helped(request: HttpRequest, reply_id: int):
    member = member_of(request)
    reply = selectors.reply_for_viewer(reply_id=reply_id, viewer=member)
    return services.reply_mark_helped(reply=reply, member=member)


@replies.delete(
    "/{int:reply_id}/helped", response=answers(ReplyOut), summary='Take back "this helped"'
)
def unmark_helped(request: HttpRequest, reply_id: int):
    member = member_of(request)
    reply = selectors.reply_for_viewer(reply_id=reply_id, viewer=member)
    return services.reply_unmark_helped(reply=reply, member=member)
