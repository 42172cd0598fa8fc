"""The intro composer: a draft grounded in what two members share and in what it came
from (a suggestion, one of the recipient's posts, an initiative the two worked on,
a list of people who could help the sender)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from trellis.community import selectors as community_selectors
from trellis.community.models import Post
from trellis.connections import composer
from trellis.connections import selectors as connection_selectors
from trellis.connections import services as connections
from trellis.connections.forms import IntroForm
from trellis.connections.models import MAX_MESSAGE, Intro
from trellis.home import services
from trellis.home.occasions import occasion_for
from trellis.home.old_links import old_suggestion
from trellis.initiatives import selectors as initiative_selectors
from trellis.initiatives.models import Initiative
from trellis.matching import selectors as matching_selectors
from trellis.matching.models import PossibleHelper, Suggestion
from trellis.people.models import Member
from trellis.people.requests import member_or_404
from trellis.people.selectors import member_detail, topic_matcher
from trellis.web.forms import errors_onto


@dataclass(frozen=True)
class Sources:
    """What the composer was opened from (?suggestion=, ?post=, ?initiative=, ?helper=),
    if anything."""

    suggestion: Suggestion | None
    post: Post | None
    initiative: Initiative | None
    helper: PossibleHelper | None

    def as_kwargs(self) -> dict:
        return {
            "suggestion": self.suggestion,
            "post": self.post,
            "initiative": self.initiative,
            "helper": self.helper,
        }


def _recipient_or_404(member_id: int, sender: Member) -> Member:
    try:
        recipient = member_detail(member_id=member_id)
    except Member.DoesNotExist:
        raise Http404("No such member") from None
    if recipient.status == Member.Status.LEFT and recipient.pk != sender.pk:
        raise Http404("No such member")
    return recipient


def _raw_id(request: HttpRequest, name: str) -> int | None:
    raw = request.POST.get(name) or request.GET.get(name)
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        raise Http404(f"No such {name}") from None


def _suggestion(suggestion_id: int, sender: Member) -> Suggestion:
    return matching_selectors.visible_suggestion(suggestion_id=suggestion_id, member=sender)


def _post(post_id: int, sender: Member) -> Post:
    return community_selectors.post_for_viewer(post_id=post_id, viewer=sender)


def _initiative(initiative_id: int, sender: Member) -> Initiative:
    return initiative_selectors.initiative_for_viewer(initiative_id=initiative_id, viewer=sender)


def _helper(entry_id: int, sender: Member) -> PossibleHelper:
    return matching_selectors.visible_helper(entry_id=entry_id, viewer=sender)


READERS = {
    "suggestion": _suggestion,
    "post": _post,
    "initiative": _initiative,
    "helper": _helper,
}


def _sources_or_404(request: HttpRequest, sender: Member, recipient: Member) -> Sources:
    """What the composer was opened from: each one `sender` may see, and about the two."""
    found = {}
    try:
        for name, read in READERS.items():
            object_id = _raw_id(request, name)
            found[name] = None if object_id is None else read(object_id, sender)
        occasion_for(sender=sender, recipient=recipient, **found)
    except (
        Suggestion.DoesNotExist,
        Post.DoesNotExist,
        Initiative.DoesNotExist,
        PossibleHelper.DoesNotExist,
    ):
        raise Http404("Not found") from None
    except ValidationError:  # not about these two: as if it did not exist
        raise Http404("Not found") from None
    return Sources(**found)


def _grounds(sender: Member, recipient: Member, sources: Sources) -> composer.Grounds:
    occasion = occasion_for(sender=sender, recipient=recipient, **sources.as_kwargs())
    return composer.grounds(sender, recipient, topic_matcher(), occasion)


def _lint(message: str, found: composer.Grounds) -> list[dict]:
    """The linter's findings with the words each one is about, for the template."""
    findings = composer.lint(message, found)
    return [f.as_dict() | {"quote": message[f.start : f.end]} for f in findings]


def _save_or_send(request, form, sender, recipient, draft, sources: Sources) -> Intro | None:
    fields = {"sender": sender, "recipient": recipient, **sources.as_kwargs()}
    try:
        if request.POST.get("action") == "save":
            intro = services.intro_draft(message=form.cleaned_data["message"], **fields)
            messages.success(request, "Draft saved. Only you can see it.")
        else:
            intro = services.intro_send(message=form.cleaned_data["message"], intro=draft, **fields)
            notes = len(intro.findings)
            messages.success(
                request,
                f"Sent to {recipient.display_name}."
                + (f" The ask linter had {notes} note(s), shown below." if notes else ""),
            )
    except ValidationError as error:
        errors_onto(form, error)
        return None
    return intro


def _explanation(sources: Sources, sender: Member) -> str:
    """Why Trellis put the two together, as the sender reads it, if it did."""
    if sources.suggestion is not None:
        return sources.suggestion.explanation_for(sender.pk)
    if sources.helper is not None:
        return sources.helper.reason
    return ""


@login_required
@require_http_methods(["GET", "POST"])
def compose(request: HttpRequest, member_id: int) -> HttpResponse:
    """The composer, prefilled with a draft grounded in what the two share."""
    sender = member_or_404(request)
    suggestion_id = _raw_id(request, "suggestion")
    if suggestion_id is not None:
        # An old link to a suggestion says what happened to it, never "not found".
        gone = old_suggestion(member=sender, recipient_id=member_id, suggestion_id=suggestion_id)
        if gone is not None:
            return render(request, "home/suggestion_gone.html", {"gone": gone})
    recipient = _recipient_or_404(member_id, sender)
    sources = _sources_or_404(request, sender, recipient)
    found = _grounds(sender, recipient, sources)
    draft = connection_selectors.draft_between(sender=sender, recipient=recipient)
    first = draft.message if draft else composer.draft_message(sender, recipient, found)
    form = IntroForm(request.POST or None, initial={"message": first})
    if request.method == "POST" and form.is_valid():
        intro = _save_or_send(request, form, sender, recipient, draft, sources)
        if intro is not None:
            return redirect(intro)
    context = {
        "recipient": recipient,
        **sources.as_kwargs(),
        "explanation": _explanation(sources, sender),
        "found": found,
        "form": form,
        "draft": draft,
        "refusal": connections.intro_refusal(sender=sender, recipient=recipient),
        "findings": _lint(form["message"].value() or "", found),
    }
    return render(request, "home/compose.html", context)


@login_required
@require_POST
def compose_lint(request: HttpRequest, member_id: int) -> HttpResponse:
    """The ask linter on the message as typed so far (htmx, as you type). Changes nothing."""
    sender = member_or_404(request)
    recipient = _recipient_or_404(member_id, sender)
    message = request.POST.get("message", "")[:MAX_MESSAGE]
    sources = _sources_or_404(request, sender, recipient)  # the form's hidden fields
    found = _grounds(sender, recipient, sources)
    context = {"findings": _lint(message, found), "linted": bool(message.strip())}
    return render(request, "connections/partials/lint_findings.html", context)
