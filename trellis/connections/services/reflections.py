"""The reflection journal: entries only their author ever reads or changes."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from trellis.connections.models import Exchange, Reflection
from trellis.connections.prompts import PROMPTS
from trellis.people.models import Member


def _check_body(body: str) -> str:
    body = body.strip()
    if not body:
        raise ValidationError({"body": "Write something before saving."})
    return body


@transaction.atomic
def reflection_write(
    *, author: Member, body: str, prompt: str = "", exchange: Exchange | None = None
) -> Reflection:
    """Save a new journal entry, optionally answering a prompt about one of `author`'s exchanges.

    Exchange.DoesNotExist when the exchange is not one `author` recorded.
    """
    if exchange is not None and exchange.author_id != author.pk:
        raise Exchange.DoesNotExist("No such exchange")
    if prompt and prompt not in PROMPTS:
        raise ValidationError({"prompt": "Pick one of the journal's prompts, or none."})
    reflection = Reflection(author=author, exchange=exchange, prompt=prompt, body=_check_body(body))
    reflection.full_clean()
    reflection.save()
    return reflection


def _own(reflection: Reflection, author: Member) -> Reflection:
    return Reflection.objects.select_for_update().get(pk=reflection.pk, author=author)


@transaction.atomic
def reflection_update(*, reflection: Reflection, author: Member, body: str) -> Reflection:
    """Rewrite a journal entry; Reflection.DoesNotExist for anyone but its author."""
    reflection = _own(reflection, author)
    reflection.body = _check_body(body)
    reflection.full_clean()
    reflection.save()
    return reflection


@transaction.atomic
def reflection_delete(*, reflection: Reflection, author: Member) -> None:
    """Delete a journal entry for good; Reflection.DoesNotExist for anyone but its author."""
    _own(reflection, author).delete()
