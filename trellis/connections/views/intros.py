from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from trellis.connections import selectors, services
from trellis.connections.contact import card_for_intro
from trellis.connections.forms import DeclineForm
from trellis.connections.models import Intro
from trellis.people.models import Member
from trellis.people.requests import member_or_404

LISTED = 100


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
        "is_open": intro.looks_open_to(member.pk),
        "decline_form": decline_form or DeclineForm(),
        "contact": card_for_intro(intro, member=member),
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
    try:
        intro = selectors.intro_for_recipient(intro_id=intro_id, member=member)
    except Intro.DoesNotExist:
        raise Http404("No such intro") from None
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
