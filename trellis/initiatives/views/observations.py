"""Observations: recording what one saw someone do (with the linter as one types), the
subject's choice to show it, and taking one back."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from trellis.initiatives import selectors, services
from trellis.initiatives.forms import ObservationForm
from trellis.initiatives.models import MAX_OBSERVATION, Initiative, Observation
from trellis.people.models import Member
from trellis.people.requests import member_or_404
from trellis.people.selectors import member_detail
from trellis.web.forms import errors_onto


def _subject_or_404(member_id: int, observer: Member) -> Member:
    try:
        subject = member_detail(member_id=member_id)
    except Member.DoesNotExist:
        raise Http404("No such member") from None
    if subject.status == Member.Status.LEFT:
        raise Http404("No such member")
    return subject


def _shared_initiatives(observer: Member, subject: Member) -> list[Initiative]:
    """Published initiatives `subject` is on the team of, which `observer` may pick."""
    led = selectors.initiative_list(states=tuple(Initiative.State.values)).filter(lead=subject)
    joined = selectors.initiatives_joined(member=subject)
    return list((led | joined).distinct().order_by("-opened_at", "-id")[:50])


def _findings(text: str, subject: Member) -> list[dict]:
    found = services.observation_findings(text, subject)
    return [f | {"quote": text[f["start"] : f["end"]]} for f in found]


@login_required
@require_http_methods(["GET", "POST"])
def observation_new(request: HttpRequest, member_id: int) -> HttpResponse:
    observer = member_or_404(request)
    subject = _subject_or_404(member_id, observer)
    if subject.pk == observer.pk:
        messages.error(request, "You can't record an observation about yourself.")
        return redirect("initiatives:visibility")
    initiatives = _shared_initiatives(observer, subject)
    initial = {"seen_on": timezone.localdate(), "initiative": request.GET.get("initiative")}
    form = ObservationForm(request.POST or None, initial=initial, initiatives=initiatives)
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data.pop("initiative")
        initiative = next((i for i in initiatives if i.pk == chosen), None)
        try:
            services.observation_record(
                observer=observer, subject=subject, initiative=initiative, **form.cleaned_data
            )
        except ValidationError as error:
            errors_onto(form, error)
        else:
            messages.success(
                request,
                f"Recorded. {subject.display_name} can read it, and chooses whether "
                "it shows on their profile.",
            )
            return redirect(subject.get_absolute_url())
    text = form["text"].value() or ""
    context = {"subject": subject, "form": form, "findings": _findings(text, subject)}
    return render(request, "initiatives/observation_form.html", context)


@login_required
@require_POST
def observation_lint(request: HttpRequest, member_id: int) -> HttpResponse:
    """The observation linter on the text as typed so far (htmx). Changes nothing."""
    observer = member_or_404(request)
    subject = _subject_or_404(member_id, observer)
    text = request.POST.get("text", "")[:MAX_OBSERVATION]
    context = {"findings": _findings(text, subject), "linted": bool(text.strip())}
    return render(request, "initiatives/partials/observation_findings.html", context)


def _observation_or_404(observation_id: int, member: Member) -> Observation:
    try:
        return selectors.observation_for(observation_id=observation_id, member=member)
    except Observation.DoesNotExist:
        raise Http404("No such observation") from None


@login_required
@require_POST
def observation_show(request: HttpRequest, observation_id: int) -> HttpResponse:
    member = member_or_404(request)
    observation = _observation_or_404(observation_id, member)
    shown = request.POST.get("shown") == "1"
    try:
        services.observation_show(observation=observation, member=member, shown=shown)
    except Observation.DoesNotExist:
        raise Http404("No such observation") from None
    messages.success(
        request,
        "It shows on your profile now." if shown else "It no longer shows on your profile.",
    )
    return redirect(reverse("initiatives:visibility") + f"#observation-{observation.pk}")


@login_required
@require_POST
def observation_delete(request: HttpRequest, observation_id: int) -> HttpResponse:
    member = member_or_404(request)
    observation = _observation_or_404(observation_id, member)
    try:
        services.observation_delete(observation=observation, member=member)
    except Observation.DoesNotExist:
        raise Http404("No such observation") from None
    messages.success(request, "Observation taken back.")
    return redirect(reverse("initiatives:visibility") + "#written")
