"""The intro composer: a draft grounded in what two members share and in what it came
from (a suggestion, one of the recipient's posts, an initiative the two worked on,
a list of people who could help the sender)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from trellis.connections import composer
from trellis.connections import services as connections
from trellis.connections.forms import IntroForm
from trellis.connections.models import MAX_MESSAGE, Intro
from trellis.home import composing, services
from trellis.home.composing import Sources
from trellis.home.old_links import old_suggestion
from trellis.people.models import Member
from trellis.people.requests import member_or_404
from trellis.web.forms import errors_onto


def _recipient_or_404(member_id: int, sender: Member) -> Member:
    try:
        return composing.intro_recipient(member_id=member_id, sender=sender)
    except Member.DoesNotExist:
        raise Http404("No such member") from None


def _raw_id(request: HttpRequest, name: str) -> int | None:
    raw = request.POST.get(name) or request.GET.get(name)
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        raise Http404(f"No such {name}") from None


def _sources_or_404(request: HttpRequest, sender: Member, recipient: Member) -> Sources:
    """What the composer was opened from (?suggestion=, ?post=, ?initiative=, ?helper=):
    each one `sender` may see, and about the two."""
    ids = {f"{name}_id": _raw_id(request, name) for name in composing.READERS}
    try:
        return composing.intro_sources(sender=sender, recipient=recipient, **ids)
    except composing.SourceNotFound:
        raise Http404("Not found") from None


def _grounds(sender: Member, recipient: Member, sources: Sources) -> composer.Grounds:
    return composing.intro_grounds(sender=sender, recipient=recipient, sources=sources)


_lint = composing.lint_findings


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
    draft = composing.saved_draft(sender=sender, recipient=recipient)
    first = composing.first_draft(sender=sender, recipient=recipient, found=found, draft=draft)
    form = IntroForm(request.POST or None, initial={"message": first})
    if request.method == "POST" and form.is_valid():
        intro = _save_or_send(request, form, sender, recipient, draft, sources)
        if intro is not None:
            return redirect(intro)
    context = {
        "recipient": recipient,
        **sources.as_kwargs(),
        "explanation": sources.explanation_for(sender),
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
