"""Reads for the chat pages: webhooks, their deliveries, topic names for the type-ahead."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet

from trellis.integrations.chat.models import Delivery, Webhook
from trellis.people.models import Topic

DELIVERIES_PER_PAGE = 20
TOPIC_SUGGESTIONS = 10
TOPIC_TYPED_AT_MOST = 120


def webhooks() -> QuerySet[Webhook]:
    """Every webhook with its topic and how many deliveries wait or were given up."""
    return Webhook.objects.select_related("nudge_topic").annotate(
        deliveries_count=Count("deliveries")
    )


def webhook(*, webhook_id: int) -> Webhook:
    return Webhook.objects.select_related("nudge_topic").get(pk=webhook_id)


def deliveries_page(*, webhook: Webhook, page_number: str | None) -> Page:
    """One page of a webhook's deliveries, newest first (the list's own index)."""
    deliveries = (
        Delivery.objects.filter(webhook=webhook)
        .order_by("-created_at", "-id")
        .only(
            "id",
            "event",
            "status",
            "attempts",
            "last_status_code",
            "last_error",
            "next_attempt_at",
            "created_at",
            "sent_at",
            "uid",
            "webhook_id",
        )
    )
    return Paginator(deliveries, DELIVERIES_PER_PAGE).get_page(page_number)


def topic_suggestions(*, text: str, limit: int = TOPIC_SUGGESTIONS) -> list[str]:
    """At most `limit` topic names containing `text` (case aside), alphabetically."""
    text = text.strip()
    if not text or len(text) > TOPIC_TYPED_AT_MOST or "\x00" in text:
        return []
    return list(
        Topic.objects.filter(name__icontains=text)
        .order_by("name")
        .values_list("name", flat=True)[:limit]
    )
