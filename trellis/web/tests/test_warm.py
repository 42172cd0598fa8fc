"""A web worker warms up as it starts: every route built, every template compiled, the
vocabulary read, so that its first visitor is not the one who pays for it."""

from __future__ import annotations

import pytest
from django.db import DatabaseError
from django.template import engines

from trellis.web import warm


def test_every_template_the_apps_ship_is_found_by_the_name_pages_use():
    names = warm.template_names()

    assert "base.html" in names
    assert any(name.startswith("home/") for name in names)
    assert all(not name.startswith("/") for name in names)


def test_warming_up_compiles_every_template_into_the_cached_loader():
    (engine,) = engines.all()
    cached = engine.engine.template_loaders[0]
    cached.reset()

    compiled = warm.compile_templates()

    assert compiled == len(warm.template_names())
    assert "base.html" in {key.split("-")[0] for key in cached.get_template_cache}


def test_warming_up_builds_every_route():
    assert warm.build_routes() > 50


@pytest.mark.django_db
def test_warming_up_runs_the_readers_that_fill_caches():
    read = []

    done = warm.warm_up(readers=[lambda: read.append("vocabulary")])

    assert done["read"] is True
    assert read == ["vocabulary"]


def test_a_database_not_ready_leaves_the_reading_to_the_first_page():
    def not_migrated():
        raise DatabaseError("no such table: people_topic")

    assert warm.read_ahead([not_migrated]) is False
