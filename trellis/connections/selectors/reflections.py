"""Reads for reflections: only ever their author's own."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from trellis.connections.models import Exchange, Reflection
from trellis.connections.prompts import prompt_for
from trellis.people.models import Member


def reflections_of(*, author: Member, query: str = "") -> QuerySet[Reflection]:
    """`author`'s reflections, newest first, searched by words in the prompt or the entry."""
    reflections = Reflection.objects.filter(author=author)
    for word in query.split():
        reflections = reflections.filter(Q(body__icontains=word) | Q(prompt__icontains=word))
    return reflections.select_related(
        "exchange__relationship__member_a", "exchange__relationship__member_b"
    ).order_by("-created_at", "-id")


def reflection_for_author(*, reflection_id: int, author: Member) -> Reflection:
    """One reflection of `author`; Reflection.DoesNotExist for anyone else's."""
    return reflections_of(author=author).get(pk=reflection_id)


def exchange_for_reflection(*, exchange_id: int, author: Member) -> Exchange:
    """An exchange `author` recorded, to reflect on; Exchange.DoesNotExist otherwise."""
    return Exchange.objects.select_related("relationship__member_a", "relationship__member_b").get(
        pk=exchange_id, author=author
    )


def next_prompt(*, author: Member) -> str:
    """The journal prompt `author` is offered next: the set in turn, one per entry."""
    return prompt_for(Reflection.objects.filter(author=author).count())
