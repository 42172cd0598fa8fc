"""/reflections: the caller's private journal. Its author's alone: everyone else, the other
member of the relationship and organisers included, gets 404."""

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from trellis.api.callers import member_of
from trellis.api.errors import answers
from trellis.api.pagination import Cursor
from trellis.api.routers.checked import checked
from trellis.api.schemas.connections import ReflectionOut
from trellis.connections import selectors, services
from trellis.connections.forms import ReflectionForm, ReflectionSearchForm
from trellis.connections.models.relationships import MAX_REFLECTION
from trellis.connections.prompts import PROMPTS
from trellis.text import limits

router = Router(tags=["reflections"])


class ReflectionIn(Schema):
    body: str = Field(max_length=MAX_REFLECTION, description="Private: only you can read it.")
    prompt: str = Field(
        default="",
        max_length=300,
        description="One of the journal's prompts, or empty: " + " | ".join(PROMPTS),
    )
    exchange: int | None = Field(
        default=None, description="An exchange you recorded, that this reflects on."
    )


class ReflectionEditIn(Schema):
    body: str = Field(max_length=MAX_REFLECTION)


@router.get("", response=answers(list[ReflectionOut]), summary="Your journal")
@paginate(Cursor)
def list_reflections(request: HttpRequest, q: str = Query("", max_length=limits.SEARCH)):
    """Your reflections, newest first; `q` finds words in the prompt or the entry."""
    query = checked(ReflectionSearchForm, {"q": q})["q"]
    return selectors.reflections_of(author=member_of(request), query=query)


@router.post("", response=answers(ReflectionOut, status=201), summary="Write a reflection")
def write_reflection(request: HttpRequest, payload: ReflectionIn):
    author = member_of(request)
    exchange = None
    if payload.exchange is not None:
        exchange = selectors.exchange_for_reflection(exchange_id=payload.exchange, author=author)
    body = checked(ReflectionForm, {"body": payload.body})["body"]
    reflection = services.reflection_write(
        author=author, body=body, prompt=payload.prompt, exchange=exchange
    )
    return Status(201, selectors.reflection_for_author(reflection_id=reflection.pk, author=author))


@router.get("/{reflection_id}", response=answers(ReflectionOut), summary="One reflection")
def get_reflection(request: HttpRequest, reflection_id: int):
    return selectors.reflection_for_author(reflection_id=reflection_id, author=member_of(request))


@router.patch("/{reflection_id}", response=answers(ReflectionOut), summary="Rewrite it")
def edit_reflection(request: HttpRequest, reflection_id: int, payload: ReflectionEditIn):
    author = member_of(request)
    reflection = selectors.reflection_for_author(reflection_id=reflection_id, author=author)
    body = checked(ReflectionForm, {"body": payload.body})["body"]
    services.reflection_update(reflection=reflection, author=author, body=body)
    return selectors.reflection_for_author(reflection_id=reflection_id, author=author)


@router.delete("/{reflection_id}", response=answers(None, status=204), summary="Delete it for good")
def delete_reflection(request: HttpRequest, reflection_id: int):
    author = member_of(request)
    reflection = selectors.reflection_for_author(reflection_id=reflection_id, author=author)
    services.reflection_delete(reflection=reflection, author=author)
    return Status(204, None)
