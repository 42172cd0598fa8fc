"""Writes that span areas: an intro sent from what it came from (a suggestion, a post,
an initiative, someone who could help), so that the intro and what it says about its
source change together."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from trellis.community.models import Post
from trellis.connections import services as connections
from trellis.connections.models import Intro
from trellis.home import selectors
from trellis.home.occasions import occasion_for
from trellis.initiatives import services as initiative_services
from trellis.initiatives.models import Initiative
from trellis.matching import selectors as matching_selectors
from trellis.matching import services as matching
from trellis.matching.models import PossibleHelper, Suggestion
from trellis.people.models import Member, Topic


@transaction.atomic
def intro_draft(
    *,
    sender: Member,
    recipient: Member,
    message: str | None = None,
    suggestion: Suggestion | None = None,
    post: Post | None = None,
    initiative: Initiative | None = None,
    helper: PossibleHelper | None = None,
) -> Intro:
    """`connections.intro_draft`, grounded in what the intro comes from (checked first)."""
    occasion = occasion_for(
        sender=sender,
        recipient=recipient,
        suggestion=suggestion,
        post=post,
        initiative=initiative,
        helper=helper,
    )
    return connections.intro_draft(
        sender=sender, recipient=recipient, message=message, occasion=occasion
    )


@transaction.atomic
def intro_send(
    *,
    sender: Member,
    recipient: Member,
    message: str,
    suggestion: Suggestion | None = None,
    post: Post | None = None,
    initiative: Initiative | None = None,
    helper: PossibleHelper | None = None,
    intro: Intro | None = None,
    now: datetime | None = None,
) -> Intro:
    """`connections.intro_send`, grounded in what the intro comes from (checked first);
    a suggestion it came from is marked acted on, so refreshes keep it."""
    occasion = occasion_for(
        sender=sender,
        recipient=recipient,
        suggestion=suggestion,
        post=post,
        initiative=initiative,
        helper=helper,
    )
    sent = connections.intro_send(
        sender=sender, recipient=recipient, message=message, occasion=occasion, intro=intro, now=now
    )
    if suggestion is not None:
        matching.suggestion_acted_on(suggestion=suggestion, now=sent.sent_at)
    return sent


@transaction.atomic
def work_out_mine(*, member: Member) -> None:
    """Ask the worker for `member`'s recommendations, who could help them and the
    initiatives that fit them, each only if missing or older than their profile: a
    repeated ask queues nothing new. Nothing is worked out here."""
    recommendations, helpers = selectors.own_work_out_needed(member, selectors.own_helpers(member))
    if recommendations:
        matching.recommendations_request(member=member)
    if helpers:
        matching.helpers_request(member=member)
    fits = selectors.own_initiative_fits(member)
    if selectors.own_initiative_fits_needed(member, fits):
        initiative_services.fit_request(member=member)


@transaction.atomic
def work_out_topic(*, topic: Topic) -> None:
    """Ask the worker who could help with `topic`, if nobody ever asked."""
    if matching_selectors.helpers_shown(viewer=None, topic=topic).never_asked:
        matching.helpers_request(topic=topic)


@transaction.atomic
def work_out_post(*, post: Post) -> None:
    """Ask the worker who could help with `post` (one its asker may read), if nobody ever
    asked."""
    if matching_selectors.helpers_shown(viewer=None, post_id=post.pk).never_asked:
        matching.helpers_request(post_id=post.pk)
