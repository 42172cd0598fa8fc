"""Typed readers for environment variables that fail loudly on bad values.

Every setting Trellis reads from the environment goes through one of these
helpers, so a typo in a deployment ("ture", "8o") stops the process at start-up
with a message naming the variable instead of silently using a default.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class EnvError(ValueError):
    """A variable in the environment has a value Trellis cannot use."""


def _raw(name: str, environ: Mapping[str, str] | None) -> str | None:
    value = (environ if environ is not None else os.environ).get(name)
    return None if value is None else value.strip()


def env_str(name: str, default: str, environ: Mapping[str, str] | None = None) -> str:
    value = _raw(name, environ)
    return default if value is None or value == "" else value


def env_bool(name: str, default: bool, environ: Mapping[str, str] | None = None) -> bool:
    value = _raw(name, environ)
    if value is None:
        return default
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    raise EnvError(f"{name}={value!r} is not a boolean; use one of: true, false, 1, 0, yes, no.")


def env_int(
    name: str,
    default: int,
    environ: Mapping[str, str] | None = None,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
) -> int:
    value = _raw(name, environ)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise EnvError(f"{name}={value!r} is not a whole number.") from None
    if minimum is not None and number < minimum:
        raise EnvError(f"{name}={number} is below the minimum of {minimum}.")
    if maximum is not None and number > maximum:
        raise EnvError(f"{name}={number} is above the maximum of {maximum}.")
    return number


def env_list(name: str, default: list[str], environ: Mapping[str, str] | None = None) -> list[str]:
    value = _raw(name, environ)
    if value is None or value == "":
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


@dataclass(frozen=True)
class DatabaseURL:
    """The parts of a DATABASE_URL that Django's DATABASES setting needs."""

    engine: str
    name: str
    user: str = ""
    password: str = ""
    host: str = ""
    port: str = ""
    options: tuple[tuple[str, str], ...] = ()


def parse_database_url(url: str) -> DatabaseURL:
    """Read `sqlite:///path` or `postgres://user:pass@host:port/name?opt=v`."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "sqlite":
        # sqlite:///relative.db and sqlite:////absolute/path.db, as dj-database-url reads them.
        path = unquote(parts.path[1:] if parts.path.startswith("/") else parts.path)
        if not path:
            raise EnvError(f"DATABASE_URL={url!r} names no SQLite file.")
        return DatabaseURL(engine="sqlite", name=path)
    if scheme in {"postgres", "postgresql", "pgsql"}:
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise EnvError(f"DATABASE_URL={url!r} names no PostgreSQL database.")
        try:
            port = "" if parts.port is None else str(parts.port)
        except ValueError:
            raise EnvError(f"DATABASE_URL={url!r} has a port that is not a number.") from None
        return DatabaseURL(
            engine="postgresql",
            name=name,
            user=unquote(parts.username or ""),
            password=unquote(parts.password or ""),
            host=unquote(parts.hostname or ""),
            port=port,
            options=tuple(parse_qsl(parts.query)),
        )
    raise EnvError(
        f"DATABASE_URL={url!r} uses an unsupported scheme {scheme!r}; use sqlite:/// or postgres://."
    )


def database_settings(url: DatabaseURL, *, base_dir: Path, busy_timeout_s: int) -> dict:
    """Turn a parsed DATABASE_URL into one entry of Django's DATABASES."""
    if url.engine == "sqlite":
        path = Path(url.name)
        if not path.is_absolute():
            path = base_dir / path
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(path),
            "OPTIONS": {
                # IMMEDIATE takes the write lock when a transaction starts, so a
                # second writer waits on the busy timeout instead of failing
                # half-way with "database is locked"; WAL lets readers go on.
                "transaction_mode": "IMMEDIATE",
                "timeout": busy_timeout_s,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON;"
                    f"PRAGMA busy_timeout={busy_timeout_s * 1000};"
                ),
            },
            # Keep a worker's connection between requests: opening the file and running
            # the PRAGMAs above cost about as much as a whole simple page (~1-3 ms).
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": url.name,
        "USER": url.user,
        "PASSWORD": url.password,
        "HOST": url.host,
        "PORT": url.port,
        "OPTIONS": dict(url.options),
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }


def keep_private(path: Path, *, mode: int, create: bool = False) -> None:
    """Give `path` no more than `mode` (0700 for a directory, 0600 for a file).

    With `create`, a missing file is created empty with that mode, so nothing else
    ever sees it readable (SQLite takes an empty file as a new database). Best effort:
    a path Trellis may not change (a read-only or someone else's data directory) is
    left as it is, and whatever then fails to open says so itself.
    """
    try:
        if create and not path.exists() and path.parent.is_dir():
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, mode))
        if path.exists() and path.stat().st_mode & 0o777 & ~mode:
            path.chmod(path.stat().st_mode & 0o777 & mode)
    except OSError:
        pass
