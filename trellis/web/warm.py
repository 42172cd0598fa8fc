"""Warm a web worker as it starts, so that its first request is not the slow one.

A fresh worker otherwise pays, on the first request that needs each of them: importing
every view module (and what they import), building the URL resolver, reading and
compiling each template, and filling caches such as the topic vocabulary's matcher
(`trellis/wsgi.py` names those readers). Done here, before gunicorn hands the worker a
connection, the first visitor waits no longer than the hundredth.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from django.db import DatabaseError, connections
from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
from django.template.utils import get_app_template_dirs
from django.urls import URLResolver, get_resolver

logger = logging.getLogger(__name__)


def template_names() -> list[str]:
    """Every template the project and its apps ship, by the name pages load it with."""
    roots = [Path(d) for engine in engines.all() for d in engine.dirs]
    roots += [Path(d) for d in get_app_template_dirs("templates")]
    names = {
        path.relative_to(root).as_posix()
        for root in roots
        if root.is_dir()
        for path in root.rglob("*")
        if path.is_file() and path.suffix in {".html", ".txt", ".md", ".xml", ".svg"}
    }
    return sorted(names)


def compile_templates() -> int:
    """Load every template once: the cached loader keeps it compiled for the process."""
    compiled = 0
    for name in template_names():
        for engine in engines.all():
            try:
                engine.get_template(name)
                compiled += 1
            except (TemplateDoesNotExist, TemplateSyntaxError, UnicodeDecodeError):
                continue
    return compiled


def read_ahead(readers: Sequence[Callable[[], object]]) -> bool:
    """Run each of `readers` (each fills a cache of its own from the database); False when
    the database cannot say yet (not migrated, not reachable): the first page that needs
    them reads them instead."""
    try:
        for reader in readers:
            reader()
    except DatabaseError:
        return False
    finally:
        # A connection opened here is not a request's: leave none behind.
        connections.close_all()
    return True


def build_routes(resolver: URLResolver | None = None) -> int:
    """Import every URL module and view, and build each resolver's reverse lookup (which
    `{% url %}` reads); how many routes there are."""
    resolver = resolver or get_resolver()
    resolver.reverse_dict  # noqa: B018  (built on first access, then kept)
    routes = 0
    for pattern in resolver.url_patterns:
        routes += build_routes(pattern) if isinstance(pattern, URLResolver) else 1
    return routes


def warm_up(*, readers: Sequence[Callable[[], object]] = ()) -> dict[str, int | bool]:
    """Import every view, compile every template, run `readers`; what was done."""
    done = {
        "routes": build_routes(),
        "templates": compile_templates(),
        "read": read_ahead(readers),
    }
    logger.info("warmed up: %s", done)
    return done
