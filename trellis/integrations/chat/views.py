"""The organiser's chat webhook pages, under /organise/chat/.

Organisers only (a member gets 404), and only while TRELLIS_CHAT_WEBHOOKS is on: off, every
page is 404 to everyone, as if it did not exist.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_http_methods, require_POST

from trellis.integrations.chat import selectors, services
from trellis.integrations.chat.addresses import shown_url
from trellis.integrations.chat.forms import WebhookForm
from trellis.integrations.chat.models import Webhook
from trellis.people.decorators import organiser_required
from trellis.web.forms import errors_onto


def chat_page(view):
    """Organisers only, while chat webhooks are switched on; the webhook by its id."""

    @organiser_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        if not services.chat_enabled():
            raise Http404("Chat webhooks are switched off.")
        if "webhook_id" in kwargs:
            try:
                kwargs["webhook"] = selectors.webhook(webhook_id=kwargs.pop("webhook_id"))
            except Webhook.DoesNotExist:
                raise Http404("No such webhook.") from None
        return view(request, *args, **kwargs)

    return wrapped


@chat_page
@require_http_methods(["GET"])
def webhook_list(request: HttpRequest) -> HttpResponse:
    rows = [(w, shown_url(w.url)) for w in selectors.webhooks()]
    return render(request, "chat/webhook_list.html", {"rows": rows})


@chat_page
@require_http_methods(["GET", "POST"])
def webhook_create(request: HttpRequest) -> HttpResponse:
    form = WebhookForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            webhook, secret = services.webhook_create(
                organiser=request.user, **form.service_fields()
            )
        except ValidationError as error:
            errors_onto(form, error)
        else:
            if not secret:
                messages.success(request, f"The webhook “{webhook.name}” is saved.")
                return redirect("chat:webhook_detail", webhook_id=webhook.pk)
            # The secret is shown on this answer only, never again (no redirect to a page
            # that could show it, nothing kept in the session).
            context = {"webhook": webhook, "secret": secret}
            return render(request, "chat/webhook_secret.html", context, status=201)
    return render(request, "chat/webhook_form.html", {"form": form, "webhook": None})


@chat_page
@require_http_methods(["GET", "POST"])
def webhook_edit(request: HttpRequest, webhook: Webhook) -> HttpResponse:
    initial = WebhookForm.initial_for(webhook)
    form = WebhookForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        was_signed = webhook.signed
        try:
            changed = services.webhook_update(
                webhook_id=webhook.pk, organiser=request.user, **form.service_fields()
            )
        except ValidationError as error:
            errors_onto(form, error)
        else:
            if changed.signed and not was_signed:
                context = {"webhook": changed, "secret": changed.secret}
                return render(request, "chat/webhook_secret.html", context)
            messages.success(request, f"The webhook “{changed.name}” is saved.")
            return redirect("chat:webhook_detail", webhook_id=changed.pk)
    context = {"form": form, "webhook": webhook, "shown_url": shown_url(webhook.url)}
    return render(request, "chat/webhook_form.html", context)


@chat_page
@require_http_methods(["GET"])
def webhook_detail(request: HttpRequest, webhook: Webhook) -> HttpResponse:
    page = selectors.deliveries_page(webhook=webhook, page_number=request.GET.get("page"))
    context = {"webhook": webhook, "shown_url": shown_url(webhook.url), "page": page}
    return render(request, "chat/webhook_detail.html", context)


@chat_page
@require_POST
def webhook_test(request: HttpRequest, webhook: Webhook) -> HttpResponse:
    services.webhook_test_send(webhook_id=webhook.pk, organiser=request.user)
    messages.success(request, "A test message is queued: the list below shows how sending it went.")
    return redirect("chat:webhook_detail", webhook_id=webhook.pk)


@chat_page
@require_POST
def webhook_delete(request: HttpRequest, webhook: Webhook) -> HttpResponse:
    services.webhook_delete(webhook_id=webhook.pk, organiser=request.user)
    messages.success(request, f"The webhook “{webhook.name}” is deleted.")
    return redirect("chat:webhook_list")


@chat_page
@require_http_methods(["GET"])
def topic_suggestions(request: HttpRequest) -> HttpResponse:
    """The weekly topic's type-ahead: a few topic names containing what was typed."""
    names = selectors.topic_suggestions(text=request.GET.get("nudge_topic", ""))
    return HttpResponse(render_to_string("chat/partials/topic_options.html", {"names": names}))
