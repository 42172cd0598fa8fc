from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from trellis.community import selectors as community_selectors
from trellis.community.models import Post
from trellis.connections import composer, selectors, services
from trellis.connections.forms import DeclineForm, IntroForm
from trellis.connections.models import MAX_MESSAGE, Intro, Origin
from trellis.initiatives import selectors as initiative_selectors
from trellis.initiatives.models import Initiative
from trellis.matching import selectors as matching_selectors
from trellis.matching.models import Suggestion
from trellis.people.models import Member
from trellis.people.requests import member_or_404
from trellis.people.selectors import member_detail, topic_matcher
from trellis.web.forms import errors_onto

LISTED = 100


def _recipient_or_404(member_id: int, sender: Member) -> Member:
    try:
        recipient = member_detail(member_id=member_id)
    except Member.DoesNotExist:
        raise Http404("No such member") from None
    if recipient.status == Member.Status.LEFT and recipient.pk != sender.pk:
        raise Http404("No such member")
    return recipient


def _suggestion_or_404(request: HttpRequest, sender: Member, recipient: Member):
    """The suggestion the composer was opened from (?suggestion=ID), if any: the sender's own."""
    raw = request.POST.get("suggestion") or request.GET.get("suggestion")
    if not raw:
        return None
    try:
        suggestion = matching_selectors.visible_suggestion(suggestion_id=int(raw), member=sender)
    except (ValueError, Suggestion.DoesNotExist):
        raise Http404("No such suggestion") from None
    if recipient.pk not in (suggestion.member_a_id, suggestion.member_b_id):
        raise Http404("No such suggestion")
    return suggestion


def _post_or_404(request: HttpRequest, sender: Member, recipient: Member) -> Post | None:
    """The recipient's post the composer was opened from (?post=ID), if any."""
    raw = request.POST.get("post") or request.GET.get("post")
    if not raw:
        return None
    try:
        post = community_selectors.post_for_viewer(post_id=int(raw), viewer=sender)
    except (ValueError, Post.DoesNotExist):
        raise Http404("No such post") from None
    if post.author_id != recipient.pk:
        raise Http404("No such post")
    return post


def _initiative_or_404(request: HttpRequest, sender: Member, recipient: Member):
    """The initiative the two worked on that the composer was opened from (?initiative=ID)."""
    raw = request.POST.get("initiative") or request.GET.get("initiative")
    if not raw:
        return None
    try:
        initiative = initiative_selectors.initiative_for_viewer(
            initiative_id=int(raw), viewer=sender
        )
    except (ValueError, Initiative.DoesNotExist):
        raise Http404("No such initiative") from None
    on_team = initiative_selectors.is_on_team
    if not (
        initiative.is_published
        and on_team(initiative=initiative, member=sender)
        and on_team(initiative=initiative, member=recipient)
    ):
        raise Http404("No such initiative")
    return initiative


def _lint(message: str, found: composer.Grounds) -> list[dict]:
    """The linter's findings with the words each one is about, for the template."""
    findings = composer.lint(message, found)
    return [f.as_dict() | {"quote": message[f.start : f.end]} for f in findings]


def _origin(suggestion, post, initiative) -> str:
    if initiative:
        return Origin.INITIATIVE
    return Origin.POST if post else Origin.SUGGESTION if suggestion else Origin.PROFILE


def _save_or_send(request, form, sender, recipient, draft, **about) -> Intro | None:
    fields = {"sender": sender, "recipient": recipient, "origin": _origin(**about), **about}
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
    recipient = _recipient_or_404(member_id, sender)
    suggestion = _suggestion_or_404(request, sender, recipient)
    post = _post_or_404(request, sender, recipient)
    initiative = _initiative_or_404(request, sender, recipient)
    found = composer.grounds(sender, recipient, topic_matcher(), post=post, initiative=initiative)
    draft = selectors.draft_between(sender=sender, recipient=recipient)
    first = draft.message if draft else composer.draft_message(sender, recipient, found)
    form = IntroForm(request.POST or None, initial={"message": first})
    if request.method == "POST" and form.is_valid():
        about = {"suggestion": suggestion, "post": post, "initiative": initiative}
        intro = _save_or_send(request, form, sender, recipient, draft, **about)
        if intro is not None:
            return redirect(intro)
    context = {
        "recipient": recipient,
        "suggestion": suggestion,
        "post": post,
        "initiative": initiative,
        "explanation": suggestion.explanation_for(sender.pk) if suggestion else "",
        "found": found,
        "form": form,
        "draft": draft,
        "refusal": services.intro_refusal(sender=sender, recipient=recipient),
        "findings": _lint(form["message"].value() or "", found),
    }
    return render(request, "connections/compose.html", context)


@login_required
@require_POST
def compose_lint(request: HttpRequest, member_id: int) -> HttpResponse:
    """The ask linter on the message as typed so far (htmx, as you type). Changes nothing."""
    sender = member_or_404(request)
    recipient = _recipient_or_404(member_id, sender)
    message = request.POST.get("message", "")[: MAX_MESSAGE * 2]
    post = _post_or_404(request, sender, recipient)  # the form's hidden field, from a post
    initiative = _initiative_or_404(request, sender, recipient)
    found = composer.grounds(sender, recipient, topic_matcher(), post=post, initiative=initiative)
    context = {"findings": _lint(message, found), "linted": bool(message.strip())}
    return render(request, "connections/partials/lint_findings.html", context)


@login_required
@require_GET
def intro_list(request: HttpRequest) -> HttpResponse:
    member = member_or_404(request)
    context = {
        "member": member,
        "sent": list(selectors.intros_sent(member=member)[:LISTED]),
        "received": list(selectors.intros_received(member=member)[:LISTED]),
    }
    return render(request, "connections/intro_list.html", context)


def _intro_or_404(intro_id: int, member: Member) -> Intro:
    try:
        return selectors.intro_for_member(intro_id=intro_id, member=member)
    except Intro.DoesNotExist:
        raise Http404("No such intro") from None


def _intro_page(request, intro: Intro, member: Member, decline_form=None) -> HttpResponse:
    context = {
        "intro": intro,
        "member": member,
        "is_sender": intro.sender_id == member.pk,
        "state": intro.state_for(member.pk),
        "is_open": intro.is_open(),
        "decline_form": decline_form or DeclineForm(),
    }
    return render(request, "connections/intro_detail.html", context)


@login_required
@require_GET
def intro_detail(request: HttpRequest, intro_id: int) -> HttpResponse:
    member = member_or_404(request)
    return _intro_page(request, _intro_or_404(intro_id, member), member)


def _act(
    request: HttpRequest, intro_id: int, action, done: str, to: str | None = None, **kwargs
) -> HttpResponse:
    """Run one intro service for the signed-in member; 404 when it is not theirs to act on.

    Then go `to` a page, else to what the service returned (the intro, the relationship).
    """
    member = member_or_404(request)
    intro = _intro_or_404(intro_id, member)
    try:
        result = action(intro=intro, member=member, **kwargs)
    except Intro.DoesNotExist:
        raise Http404("No such intro") from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(intro)
    messages.success(request, done)
    return redirect(to or result.get_absolute_url())


@login_required
@require_POST
def intro_accept(request: HttpRequest, intro_id: int) -> HttpResponse:
    done = "Accepted. This is your relationship's page: note what you share and learn here."
    return _act(request, intro_id, services.intro_accept, done)


@login_required
@require_POST
def intro_decline(request: HttpRequest, intro_id: int) -> HttpResponse:
    member = member_or_404(request)
    intro = _intro_or_404(intro_id, member)
    if intro.recipient_id != member.pk:
        raise Http404("No such intro")
    form = DeclineForm(request.POST)
    if not form.is_valid():
        return _intro_page(request, intro, member, decline_form=form)
    done = "Declined. The sender sees only that it is no longer open."
    return _act(request, intro_id, services.intro_decline, done, reason=form.cleaned_data["reason"])


@login_required
@require_POST
def intro_withdraw(request: HttpRequest, intro_id: int) -> HttpResponse:
    intro = _intro_or_404(intro_id, member_or_404(request))
    done = "Draft deleted." if intro.state == Intro.State.DRAFT else "Withdrawn."
    return _act(
        request, intro_id, services.intro_withdraw, done, to=reverse("connections:intro_list")
    )
