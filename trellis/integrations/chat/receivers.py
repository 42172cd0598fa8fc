"""What the chat webhooks hear of the areas: a round published, an initiative opened.

The areas send their signals inside the transaction that made the change, so the
Delivery rows written here commit, or roll back, with it; the worker sends them after.
While chat is off, a receiver returns before reading anything.
"""

from __future__ import annotations

from django.dispatch import receiver

from trellis.initiatives.signals import initiative_opened
from trellis.integrations.chat import news, services
from trellis.integrations.chat.models import Delivery
from trellis.matching.signals import round_published


@receiver(round_published, dispatch_uid="chat.round_published")
def announce_round(sender, *, round_obj, **kwargs) -> None:
    webhooks = services.subscribers(event=Delivery.Event.ROUND_PUBLISHED)
    if webhooks:
        services.news_announce(news=news.round_published_news(round_obj), webhooks=webhooks)


@receiver(initiative_opened, dispatch_uid="chat.initiative_opened")
def announce_initiative(sender, *, initiative, **kwargs) -> None:
    webhooks = services.subscribers(event=Delivery.Event.INITIATIVE_OPENED)
    if webhooks:
        services.news_announce(news=news.initiative_opened_news(initiative), webhooks=webhooks)
