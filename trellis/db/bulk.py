"""Shared plumbing for the apps' bulk writers (`<app>/bulk.py`): batches, multi-row INSERTs,
look-ups by key, refusals that name their rows, and dating what a block created.

It knows no Trellis model: each app's own `bulk` module says which rows and columns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import DateField, JSONField, Max, Model, QuerySet

T = TypeVar("T")
LOOKUP_BATCH = 500  # keys per IN (...) look-up, within every database's parameter limit
PROBLEMS_SHOWN = 10


def chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """`items` in consecutive slices of at most `size`."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def refuse_problems(rows: Sequence[T], problem: Callable[[T], str | None], *, noun: str) -> None:
    """Raise one ValidationError naming the rows `problem` finds fault with, if any does.

    Bulk writers call it before they write anything, so a refused input writes nothing.
    """
    found = []
    for i, row in enumerate(rows):
        message = problem(row)
        if message:
            found.append(f"{noun.capitalize()} {i}: {message}")
    if len(found) > PROBLEMS_SHOWN:
        found[PROBLEMS_SHOWN:] = [f"… and {len(found) - PROBLEMS_SHOWN} more."]
    if found:
        raise ValidationError(found)


def values_by_pk(queryset: QuerySet, pks: Sequence[int], *fields: str) -> dict[int, tuple]:
    """The values of `fields` for each of these rows that exists, by primary key."""
    found: dict[int, tuple] = {}
    for chunk in chunks(list(dict.fromkeys(pks)), LOOKUP_BATCH):
        for pk, *values in queryset.filter(pk__in=chunk).values_list("pk", *fields):
            found[pk] = tuple(values)
    return found


def any_among(queryset: QuerySet, field: str, values: Sequence) -> bool:
    """Whether any row of `queryset` has one of `values` in `field`."""
    return any(
        queryset.filter(**{f"{field}__in": chunk}).exists()
        for chunk in chunks(list(values), LOOKUP_BATCH)
    )


def insert_rows(
    model: type[Model], names: Sequence[str], rows: Sequence[Sequence], *, returning: bool = False
) -> list[int]:
    """Insert rows of `model` (values for the fields `names`, in order), many to a statement.

    Plain parametrised multi-row INSERTs: several times faster than bulk_create
    for a few columns, on SQLite and PostgreSQL alike, and they keep the time
    stamps given (bulk_create would stamp `auto_now_add` fields with now). Dates
    and JSON are prepared for the database as the fields would; other values go
    in as they are. With `returning`, the new primary keys, in the order of `rows`.
    """
    quote = connection.ops.quote_name
    fields = [model._meta.get_field(name) for name in names]
    columns = ", ".join(quote(field.column) for field in fields)
    insert = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES "
    suffix = f" RETURNING {quote(model._meta.pk.column)}" if returning else ""
    prepared = [isinstance(field, DateField | JSONField) for field in fields]
    if any(prepared):
        rows = [
            [field.get_db_prep_save(v, connection) if needs else v for field, needs, v in cells]
            for cells in (zip(fields, prepared, row, strict=True) for row in rows)
        ]
    per_statement = min(1000, (connection.features.max_query_params or 3000) // len(fields))
    placeholders = "(" + ", ".join(["%s"] * len(fields)) + ")"
    keys: list[int] = []
    with connection.cursor() as cursor:
        for chunk in chunks(rows, per_statement):
            values = [value for row in chunk for value in row]
            cursor.execute(insert + ", ".join([placeholders] * len(chunk)) + suffix, values)
            if returning:
                # One statement numbers its rows in order; RETURNING may list them in any.
                keys += sorted(key for (key,) in cursor.fetchall())
    return keys


@contextmanager
def backdated(stamps: Mapping[type[Model], Sequence[str]], when: datetime) -> Iterator[None]:
    """Rows of these models created inside the block get their `stamps` columns set to `when`.

    For seeding a past through the services, which stamp what they create with
    the time they run. The rows are those with a key above the highest on
    entering: it assumes nobody else writes these tables meanwhile (a seed runs
    alone, in one transaction).
    """
    marks = {model: model.objects.aggregate(last=Max("pk"))["last"] or 0 for model in stamps}
    yield
    for model, mark in marks.items():
        model.objects.filter(pk__gt=mark).update(**dict.fromkeys(stamps[model], when))
