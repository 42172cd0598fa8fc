"""What the intro composer reads before anyone types: who the intro is to, what it was
opened from (a suggestion, a post, an initiative, someone who could help), the grounds
the two share, and the ask linter's findings on a message.

The composer page (`home.views.compose`) and the API's compose and send operations
call these same functions, so both refuse the same things and lint the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist, ValidationError

from trellis.community import selectors as community_selectors
from trellis.community.models import Post
from trellis.connections import composer
from trellis.connections import selectors as connection_selectors
from trellis.connections.models import Intro
from trellis.home.occasions import occasion_for
from trellis.initiatives import selectors as initiative_selectors
from trellis.initiatives.models import Initiative
from trellis.matching import selectors as matching_selectors
from trellis.matching.models import PossibleHelper, Suggestion
from trellis.people.models import Member
from trellis.people.selectors import member_detail, topic_matcher


class SourceNotFound(ObjectDoesNotExist):
    """What an intro was said to come from is not there, not the sender's to see, or not
    about the two of them: all read alike, as if it did not exist."""


@dataclass(frozen=True)
class Sources:
    """What the composer was opened from (a suggestion, a post, an initiative, a helper),
    if anything."""

    suggestion: Suggestion | None = None
    post: Post | None = None
    initiative: Initiative | None = None
    helper: PossibleHelper | None = None

    def as_kwargs(self) -> dict:
        return {
            "suggestion": self.suggestion,
            "post": self.post,
            "initiative": self.initiative,
            "helper": self.helper,
        }

    def explanation_for(self, sender: Member) -> str:
        """Why Trellis put the two together, as the sender reads it, if it did."""
        if self.suggestion is not None:
            return self.suggestion.explanation_for(sender.pk)
        if self.helper is not None:
            return self.helper.reason
        return ""


def intro_recipient(*, member_id: int, sender: Member) -> Member:
    """Someone `sender` may open the composer to; Member.DoesNotExist for nobody, and for
    someone who left (people who left are no longer shown to others)."""
    recipient = member_detail(member_id=member_id)
    if recipient.status == Member.Status.LEFT and recipient.pk != sender.pk:
        raise Member.DoesNotExist("No such member")
    return recipient


READERS = {
    "suggestion": lambda object_id, sender: matching_selectors.visible_suggestion(
        suggestion_id=object_id, member=sender
    ),
    "post": lambda object_id, sender: community_selectors.post_for_viewer(
        post_id=object_id, viewer=sender
    ),
    "initiative": lambda object_id, sender: initiative_selectors.initiative_for_viewer(
        initiative_id=object_id, viewer=sender
    ),
    "helper": lambda object_id, sender: matching_selectors.visible_helper(
        entry_id=object_id, viewer=sender
    ),
}


def intro_sources(
    *,
    sender: Member,
    recipient: Member,
    suggestion_id: int | None = None,
    post_id: int | None = None,
    initiative_id: int | None = None,
    helper_id: int | None = None,
) -> Sources:
    """What an intro from `sender` to `recipient` comes from, by id: each one `sender` may
    see, and about the two of them; SourceNotFound otherwise (never saying which)."""
    ids = {
        "suggestion": suggestion_id,
        "post": post_id,
        "initiative": initiative_id,
        "helper": helper_id,
    }
    found = {}
    try:
        for name, object_id in ids.items():
            found[name] = None if object_id is None else READERS[name](object_id, sender)
        occasion_for(sender=sender, recipient=recipient, **found)
    except (ObjectDoesNotExist, ValidationError):
        raise SourceNotFound("Not found") from None
    return Sources(**found)


def intro_grounds(*, sender: Member, recipient: Member, sources: Sources) -> composer.Grounds:
    """What the two share and what the intro comes from, as the composer drafts from it."""
    occasion = occasion_for(sender=sender, recipient=recipient, **sources.as_kwargs())
    return composer.grounds(sender, recipient, topic_matcher(), occasion)


def saved_draft(*, sender: Member, recipient: Member) -> Intro | None:
    """`sender`'s unsent draft to `recipient`, if they saved one."""
    return connection_selectors.draft_between(sender=sender, recipient=recipient)


def first_draft(
    *, sender: Member, recipient: Member, found: composer.Grounds, draft: Intro | None
) -> str:
    """What the composer opens with: `sender`'s saved `draft` to `recipient` (from
    `saved_draft`), else a draft grounded in what the two share."""
    return draft.message if draft else composer.draft_message(sender, recipient, found)


def lint_findings(message: str, found: composer.Grounds) -> list[dict]:
    """The ask linter's findings on `message`, each with the words it is about (`quote`)."""
    findings = composer.lint(message, found)
    return [f.as_dict() | {"quote": message[f.start : f.end]} for f in findings]
