"""What an intro comes from, read from the area that owns it and checked for the two people.

The composer (connections) reads a suggestion, a post, an initiative or someone who
could help as plain grounds and never imports those areas; this module, above them
all, builds the grounds and says when they do not fit (a suggestion about other
people, someone else's post, an initiative the two are not both on, a helper listed
for someone else).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from trellis.community import selectors as community_selectors
from trellis.community.models import Post
from trellis.connections.composer import (
    LEARNING,
    PROFILE,
    WORKING,
    HelpGround,
    InitiativeGround,
    Occasion,
    PostGround,
    phrases_of,
)
from trellis.initiatives import selectors as initiative_selectors
from trellis.initiatives.models import Initiative
from trellis.matching.models import HelperList, PossibleHelper, Suggestion
from trellis.people.models import Member
from trellis.people.selectors import topic_matcher


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


def _my_problem(sender: Member, entry: PossibleHelper) -> tuple[str, str]:
    """(statement, phrase): what of the sender's the helper could help with. The phrase of
    what they learn, then of what they work on, naming a topic of the reason or of the
    helper's offer; else their first such phrase."""
    matcher = topic_matcher()
    helper = entry.helper
    theirs = {*matcher.topics(entry.explanation), *matcher.topics(helper.can_help_with)}
    mine = [p for p in phrases_of(sender, matcher) if p.statement in (LEARNING, WORKING)]
    for statement in (LEARNING, WORKING):
        for phrase in mine:
            if phrase.statement == statement and phrase.topics & theirs:
                return statement, phrase.text
    if mine:
        return mine[0].statement, mine[0].text
    return WORKING, "what I'm working on"


def help_ground(entry: PossibleHelper, sender: Member) -> HelpGround:
    """What `sender` could ask `entry`'s helper about: the problem its list is about.

    Post.DoesNotExist when the list's post is no longer one `sender` may read.
    """
    listed = entry.helper_list
    helped = entry.helping_since is not None
    if listed.about == HelperList.About.POST:
        post = community_selectors.post_for_viewer(post_id=listed.post_id, viewer=sender)
        own = post.author_id == sender.pk
        return HelpGround(post_ground(post).about, "post", own=own, helped=helped)
    if listed.about == HelperList.About.TOPIC:
        return HelpGround(listed.topic.name, "topic", own=False, helped=helped)
    statement, phrase = _my_problem(sender, entry)
    return HelpGround(phrase, statement, own=True, helped=helped)


def _check_helper(entry: PossibleHelper, sender: Member, recipient: Member) -> None:
    listed = entry.helper_list
    someone_elses = listed.about == HelperList.About.MEMBER and listed.member_id != sender.pk
    if entry.helper_id != recipient.pk or someone_elses:
        raise ValidationError("They were not suggested as someone who could help you.")


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
    helper: PossibleHelper | None = None,
) -> Occasion:
    """What an intro from `sender` to `recipient` comes from; ValidationError when it
    does not fit the two of them. Nothing at all: a profile."""
    if suggestion is not None:
        _check_suggestion(suggestion, sender, recipient)
    if post is not None:
        _check_post(post, recipient)
    if initiative is not None:
        _check_initiative(initiative, sender, recipient)
    if helper is not None:
        _check_helper(helper, sender, recipient)
    if suggestion is None and post is None and initiative is None and helper is None:
        return PROFILE
    return Occasion(
        suggestion_id=suggestion.pk if suggestion is not None else None,
        post=post_ground(post) if post is not None else None,
        initiative=initiative_ground(initiative, sender) if initiative is not None else None,
        help=_help_or_refused(helper, sender) if helper is not None else None,
    )


def _help_or_refused(entry: PossibleHelper, sender: Member) -> HelpGround:
    try:
        return help_ground(entry, sender)
    except Post.DoesNotExist:
        raise ValidationError("That post was deleted.") from None
