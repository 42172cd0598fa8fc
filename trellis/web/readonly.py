"""A database that refuses writes (read-only, or its disk full) gives a clear page, not a 500.

A read-only PostgreSQL (a replica promoted late, `default_transaction_read_only`, a
maintenance window) or a SQLite file on a read-only mount or a full disk still answers
every read; only a write fails. Pages never write on a GET (tests/test_get_writes_nothing.py),
so reading goes on; a POST that tries to write gets `ReadOnlyDatabasePage`'s answer:
503, Retry-After, "temporarily read-only, your change was not saved", in the site's
layout. Any other database error is left alone (a 500, as before).
"""

from __future__ import annotations

import errno
import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.template import loader

logger = logging.getLogger(__name__)

READ_ONLY = "read-only"
FULL = "full"
# PostgreSQL's SQLSTATEs: read_only_sql_transaction, disk_full.
_SQLSTATES = {"25006": READ_ONLY, "53100": FULL}
# SQLite's primary result codes (the low byte of an extended one).
_SQLITE_CODES = {sqlite3.SQLITE_READONLY: READ_ONLY, sqlite3.SQLITE_FULL: FULL}
_SQLITE_MESSAGES = {"attempt to write a readonly database": READ_ONLY, "disk is full": FULL}
RETRY_AFTER_SECONDS = 120


def write_refused(error: BaseException) -> str | None:
    """Why the database refused a write: READ_ONLY or FULL; None for any other error."""
    if not isinstance(error, DatabaseError):
        return None
    cause = error.__cause__ or error
    state = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
    if state in _SQLSTATES:
        return _SQLSTATES[state]
    code = getattr(cause, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in _SQLITE_CODES:
        return _SQLITE_CODES[code & 0xFF]
    text = str(cause).lower()
    return next((why for message, why in _SQLITE_MESSAGES.items() if message in text), None)


def read_only_page(request: HttpRequest | None) -> HttpResponse:
    """503 in the site's layout, with Retry-After. Rendered with the request when reading
    works (the navigation knows who is signed in), else from the template alone."""
    try:
        content = loader.render_to_string("errors/503_read_only.html", request=request)
    except DatabaseError:
        content = loader.render_to_string("errors/503_read_only.html")
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class ReadOnlyDatabasePage:
    """Middleware: a view whose write the database refused (read-only, disk full) answers
    `read_only_page` instead of a 500; every other exception goes on as before."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        why = write_refused(exception)
        if why is None:
            return None
        logger.error(
            "The database refused a write (%s) on %s %s: %s",
            why,
            request.method,
            request.path,
            exception,
        )
        return read_only_page(request)


# The same for a command line (`trellis demo`, `trellis import-roster`): a data directory or
# database that cannot be written ends the command with one line saying which and what to
# do, not a traceback.
_CANNOT_OPEN = "unable to open database file"  # SQLite: its directory cannot be written
_STORAGE_ERRNOS = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT}


def _database_settings() -> dict:
    return settings.DATABASES["default"]


def _database_place() -> str:
    database = _database_settings()
    if database["ENGINE"].endswith("sqlite3"):
        folder = Path(database["NAME"]).parent
        kind = "data directory" if folder == settings.DATA_DIR else "database's directory"
        return f"the {kind} {folder}"
    return f"the database {database.get('NAME', '')}"


def storage_problem(error: BaseException) -> str | None:
    """One line for an operator when `error` is the data directory or the database refusing
    a write (read-only, full, not writable by this user); None for any other error."""
    remedy = (
        "make it writable by the user running Trellis (and check the disk is not full), "
        "or set TRELLIS_DATA_DIR (or DATABASE_URL) to one that is."
    )
    if isinstance(error, DatabaseError):
        why = write_refused(error)
        if why is None and _CANNOT_OPEN in str(error.__cause__ or error).lower():
            why = "cannot create files there"
        return f"Cannot write to {_database_place()} ({why}): {remedy}" if why else None
    if isinstance(error, OSError) and error.errno in _STORAGE_ERRNOS and error.filename:
        path = Path(str(error.filename)).resolve()
        if path == settings.DATA_DIR or settings.DATA_DIR in path.parents:
            return f"Cannot write to {path} ({error.strerror}): {remedy}"
    return None


@contextmanager
def storage_errors_as_command_error() -> Iterator[None]:
    """Around a command's work (also as a decorator of `handle`): a data directory or
    database that refuses writes becomes a CommandError (one line, exit status 1)."""
    try:
        yield
    except (DatabaseError, OSError) as error:
        problem = storage_problem(error)
        if problem is None:
            raise
        raise CommandError(problem) from None
