"""What an intro comes from, read from the area that owns it and checked for the two people.

The composer (connections) reads a suggestion, a post or an initiative as plain
grounds and never imports those areas; this module, above them all, builds the
grounds and says when they do not fit (a suggestion about other people, someone
else's post, an initiative the two are not both on).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from trellis.community.models import Post
from trellis.connections.composer import PROFILE, InitiativeGround, Occasion, PostGround
from trellis.initiatives import selectors as initiative_selectors
from trellis.initiatives.models import Initiative
from trellis.matching.models import Suggestion
from trellis.people.models import Member


def post_ground(post: Post) -> PostGround:
    """A post as the composer reads it: its title, what it is about, its topics."""
    topics = [(topic.slug, topic.name) for topic in post.topics.all()]
    return PostGround(
        id=post.pk,
        title=post.title,
        about=post.about([name for _, name in topics]),
        topics=tuple(topics),
    )


def initiative_ground(initiative: Initiative, sender: Member) -> InitiativeGround:
    """An initiative as the composer reads it, with what `sender` did for it first."""
    done = initiative_selectors.contributions_by(initiative=initiative, member=sender)
    return InitiativeGround(
        id=initiative.pk,
        title=initiative.title,
        touches=f"{initiative.title}\n{initiative.problem}\n{initiative.skills}",
        topic_names=tuple(topic.name for topic in initiative.topics.all()),
        sender_work=done[0].text if done else None,
    )


def _check_suggestion(suggestion: Suggestion, sender: Member, recipient: Member) -> None:
    if {suggestion.member_a_id, suggestion.member_b_id} != {sender.pk, recipient.pk}:
        raise ValidationError("This suggestion is not about the two of you.")


def _check_post(post: Post, recipient: Member) -> None:
    if post.author_id != recipient.pk or not post.is_published:
        raise ValidationError("This post is not one of theirs, or it was deleted.")


def _check_initiative(initiative: Initiative, sender: Member, recipient: Member) -> None:
    on_team = initiative_selectors.is_on_team
    if not (
        initiative.is_published
        and on_team(initiative=initiative, member=sender)
        and on_team(initiative=initiative, member=recipient)
    ):
        raise ValidationError("You two are not on the team of this initiative.")


def occasion_for(
    *,
    sender: Member,
    recipient: Member,
    suggestion: Suggestion | None = None,
    post: Post | None = None,
    initiative: Initiative | None = None,
) -> Occasion:
    """What an intro from `sender` to `recipient` comes from; ValidationError when it
    does not fit the two of them. Nothing at all: a profile."""
    if suggestion is not None:
        _check_suggestion(suggestion, sender, recipient)
    if post is not None:
        _check_post(post, recipient)
    if initiative is not None:
        _check_initiative(initiative, sender, recipient)
    if suggestion is None and post is None and initiative is None:
        return PROFILE
    return Occasion(
        suggestion_id=suggestion.pk if suggestion is not None else None,
        post=post_ground(post) if post is not None else None,
        initiative=initiative_ground(initiative, sender) if initiative is not None else None,
    )
