"""Cursor pagination for every list: stable under inserts, no COUNT over the table.

django-ninja's CursorPagination, ordered by id (newest first unless a list says
otherwise), with a cursor that cannot ask for an offset past what a page could need.
"""

from __future__ import annotations

from ninja.pagination import CursorPagination
from pydantic import Field

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


class Cursor(CursorPagination):
    """Pages of PAGE_SIZE (a client may ask up to MAX_PAGE_SIZE), newest first by id."""

    class Cursor(CursorPagination.Cursor):
        o: int = Field(default=0, ge=0, le=MAX_PAGE_SIZE * 100)

    def __init__(self, *, ordering: tuple[str, ...] = ("-id",), **kwargs) -> None:
        super().__init__(
            ordering=ordering, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE, **kwargs
        )
