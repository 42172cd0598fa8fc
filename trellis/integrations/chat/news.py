"""The public news each event makes, read from the areas' own rows.

Only what every member may already see goes in: a round's cohort and how many pairs it
suggested, an initiative's title and the number of helpers it wants, a topic's name and how
many members could help with it this week. Never a person's name (a channel may include
guests), never an initiative's problem text, a reason, a message or anything private.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from trellis.initiatives.models import Initiative
from trellis.integrations.chat.formats import News
from trellis.integrations.chat.models import Delivery, Webhook
from trellis.matching.helping import STORED_PER_LIST
from trellis.matching.models import Round, Suggestion
from trellis.matching.selectors.helpers import helpers_shown
from trellis.people.models import Topic

Event = Delivery.Event


def _site(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def round_published_news(round_obj: Round) -> News:
    pairs = Suggestion.objects.filter(round=round_obj).count()
    cohort = round_obj.cohort_value.label
    noun = "pair" if pairs == 1 else "pairs"
    return News(
        event=Event.ROUND_PUBLISHED,
        headline=(
            f"A matching round is published for {cohort}: {pairs} {noun} suggested. "
            "Each member sees their own suggestion on their Trellis home page."
        ),
        link=_site(reverse("home:home")),
        link_label="See your suggestions",
        data={"round": round_obj.pk, "cohort": cohort, "pairs": pairs},
    )


def initiative_opened_news(initiative: Initiative) -> News:
    wanted = initiative.helpers_wanted
    noun = "volunteer" if wanted == 1 else "volunteers"
    link = _site(reverse("initiatives:initiative_detail", args=[initiative.pk]))
    return News(
        event=Event.INITIATIVE_OPENED,
        headline=f"“{initiative.title}” is looking for {wanted} {noun}.",
        link=link,
        link_label="Read it and offer to help",
        data={
            "initiative": initiative.pk,
            "title": initiative.title,
            "helpers_wanted": wanted,
            "ends_on": initiative.ends_on.isoformat(),
        },
    )


def could_help_count(topic: Topic) -> int:
    """Members the worker last listed as able to help with `topic` who are free to now (active,
    open to helping, below capacity): read from the kept list, never worked out here."""
    return len(helpers_shown(viewer=None, topic=topic, limit=STORED_PER_LIST).helpers)


def weekly_nudge_news(topic: Topic, count: int) -> News:
    people = "member" if count == 1 else "members"
    more = "or more " if count >= STORED_PER_LIST else ""
    return News(
        event=Event.WEEKLY_NUDGE,
        headline=(
            f"This week {count} {more}{people} could help with {topic.name}. "
            "Stuck on it? Ask one of them."
        ),
        link=_site(reverse("home:topic_detail", args=[topic.slug])),
        link_label=f"See who could help with {topic.name}",
        data={"topic": topic.name, "could_help": count},
    )


def trial_news(webhook: Webhook) -> News:
    return News(
        event=Event.TEST,
        headline=f"A test message from Trellis: the webhook “{webhook.name}” works.",
        link=_site(reverse("home:home")),
        link_label="Open Trellis",
        data={"webhook": webhook.pk},
    )
