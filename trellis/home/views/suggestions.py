"""Undoing a dismissed suggestion: the htmx swap puts it back in the list it left."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from trellis.connections import services as connections
from trellis.matching import services as matching
from trellis.matching.models import Suggestion
from trellis.people.requests import member_or_404
from trellis.web.htmx import is_partial


@login_required
@require_POST
def suggestion_restore(request: HttpRequest, suggestion_id: int) -> HttpResponse:
    """Undo the member's dismissal of a suggestion; htmx gets the suggestion back in place."""
    member = member_or_404(request)
    try:
        suggestion = matching.suggestion_restore(suggestion_id=suggestion_id, member=member)
    except Suggestion.DoesNotExist:
        raise Http404("No such suggestion") from None
    except ValidationError as error:
        messages.info(request, " ".join(error.messages))
        return redirect("home:home")
    if is_partial(request):
        suggestion.other_member = suggestion.other(member.pk)
        suggestion.viewer_explanation = suggestion.explanation_for(member.pk)
        context = {
            "suggestion": suggestion,
            "at_capacity": connections.own_capacity_refusal(member),
        }
        return render(request, "matching/partials/suggestion.html", context)
    messages.success(
        request, f"{suggestion.other(member.pk).display_name} is back in your suggestions."
    )
    return redirect("home:home")
