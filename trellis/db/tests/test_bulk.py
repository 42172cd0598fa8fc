"""The shared plumbing of the apps' bulk writers, on rows of a few real tables."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from trellis.db import bulk
from trellis.notifications.models import Notification
from trellis.people.models import ProfileTopic, Topic


def test_insert_rows_returns_the_new_keys_in_the_order_of_the_rows(ana):
    topics = list(Topic.objects.order_by("-name").values_list("pk", flat=True)[:700])
    rows = [(ana.pk, topic, "curious_about") for topic in topics]  # she names none

    keys = bulk.insert_rows(ProfileTopic, ("member", "topic", "statement"), rows, returning=True)

    assert len(keys) == 700 and keys == sorted(keys)  # more than one statement's worth
    stored = dict(ProfileTopic.objects.filter(pk__in=keys).values_list("pk", "topic_id"))
    assert [stored[key] for key in keys] == topics


def test_insert_rows_stores_dates_as_the_fields_would(ana):
    when = timezone.now() - timedelta(days=3, microseconds=7)
    names = ("recipient", "kind", "text", "url", "created_at", "read_at")

    bulk.insert_rows(Notification, names, [(ana.pk, "follow_up", "Hi", "/", when, None)])

    assert Notification.objects.get().created_at == when


def test_insert_rows_without_returning_gives_no_keys(ana):
    assert (
        bulk.insert_rows(Notification, ("recipient", "kind", "text", "url", "created_at"), []) == []
    )


def test_values_by_pk_reads_more_keys_than_one_look_up_takes(db):
    topics = list(Topic.objects.values_list("pk", "slug"))
    assert len(topics) > bulk.LOOKUP_BATCH

    found = bulk.values_by_pk(Topic.objects, [pk for pk, _ in topics] + [-1], "slug")

    assert found == {pk: (slug,) for pk, slug in topics}


def test_refuse_problems_names_each_row_and_counts_the_rest():
    rows = list(range(15))

    with pytest.raises(ValidationError) as refused:
        bulk.refuse_problems(rows, lambda n: "odd." if n % 2 else None, noun="row")

    assert refused.value.messages[:2] == ["Row 1: odd.", "Row 3: odd."]
    assert len(refused.value.messages) == 7  # the seven odd rows, none hidden yet


def test_refuse_problems_shows_ten_problems_at_most():
    with pytest.raises(ValidationError) as refused:
        bulk.refuse_problems(list(range(25)), lambda n: "no.", noun="row")

    assert refused.value.messages[-1] == "… and 15 more."
    assert len(refused.value.messages) == 11


def test_backdated_stamps_only_the_rows_the_block_created(ana):
    names = ("recipient", "kind", "text", "url", "created_at")
    now, then = timezone.now(), timezone.now() - timedelta(days=40)
    bulk.insert_rows(Notification, names, [(ana.pk, "follow_up", "Before", "/", now)])

    with bulk.backdated({Notification: ("created_at",)}, then):
        bulk.insert_rows(Notification, names, [(ana.pk, "follow_up", "Inside", "/", now)])

    stamps = dict(Notification.objects.values_list("text", "created_at"))
    assert stamps == {"Before": now, "Inside": then}


def test_any_among_looks_through_more_values_than_one_look_up_takes(ana):
    links = ProfileTopic.objects.filter(member=ana)
    hers = set(links.values_list("topic_id", flat=True))
    others = [pk for pk in Topic.objects.values_list("pk", flat=True) if pk not in hers]
    assert len(others) > bulk.LOOKUP_BATCH and hers

    assert not bulk.any_among(links, "topic_id", others)
    assert bulk.any_among(links, "topic_id", [*others, min(hers)])  # in the last look-up
