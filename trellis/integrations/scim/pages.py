"""The organiser's page for provisioning tokens (/organise/scim/): make one, revoke one.

Like everything of SCIM's, it is not found while TRELLIS_SCIM_ENABLED is off.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from trellis.integrations.scim.forms import ScimTokenForm
from trellis.integrations.scim.models import ScimToken
from trellis.integrations.scim.tokens import (
    scim_token_create,
    scim_token_revoke,
    tokens_listed,
)
from trellis.people.decorators import organiser_required


def _switched_on() -> None:
    if not settings.SCIM_ENABLED:
        raise Http404("SCIM provisioning is off.")


@organiser_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    """The provisioning tokens; a new one is shown here once."""
    _switched_on()
    made = None
    form = ScimTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = scim_token_create(name=form.cleaned_data["name"], by=request.user)
        except ValidationError as refused:
            form.add_error("name", refused.message_dict["name"])
        else:
            form = ScimTokenForm()
    context = {
        "form": form,
        "made": made,
        "tokens": tokens_listed(),
        "base_url": request.build_absolute_uri(reverse("scim:v2:users")).rsplit("/Users", 1)[0],
    }
    return render(request, "scim/tokens.html", context, status=201 if made else 200)


@require_POST
@organiser_required
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    _switched_on()
    try:
        token = scim_token_revoke(token_id=token_id, by=request.user)
    except ScimToken.DoesNotExist as missing:
        raise Http404("No such token.") from missing
    messages.success(
        request, f"“{token.name}” is revoked: the identity provider can no longer use it."
    )
    return redirect("scim:tokens")
