from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from trellis.notifications import selectors, services
from trellis.notifications.forms import PreferencesForm
from trellis.notifications.models import Notification
from trellis.people.requests import member_or_404
from trellis.web.htmx import is_partial

PER_PAGE = 50


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    member = member_or_404(request)
    page = Paginator(selectors.notifications_of(member=member), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "notifications/notification_list.html", {"page": page})


@login_required
@require_POST
def notification_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Mark one notification read; with `open`, go on to what it is about."""
    member = member_or_404(request)
    try:
        notification = services.notification_mark_read(
            notification_id=notification_id, member=member
        )
    except Notification.DoesNotExist:
        raise Http404("No such notification") from None
    if request.POST.get("open"):
        safe = url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None)
        return redirect(notification.url if safe else "notifications:notification_list")
    if is_partial(request):
        return render(
            request, "notifications/partials/notification.html", {"notification": notification}
        )
    return redirect("notifications:notification_list")


@login_required
@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    count = services.notifications_mark_all_read(member=member_or_404(request))
    messages.success(request, f"Marked {count} notification{'s' if count != 1 else ''} read.")
    return redirect("notifications:notification_list")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    """Which notifications the member gets, in the app and by e-mail."""
    member = member_or_404(request)
    # Bound on every POST: with every box unticked a browser sends no field at all.
    data = request.POST if request.method == "POST" else None
    # The weekly digest's choice shows only once the operator switched digests on.
    digest = selectors.wants_weekly_digest(member=member) if settings.DIGEST_ENABLED else None
    form = PreferencesForm(
        data, preferences=selectors.preferences_of(member=member), weekly_digest=digest
    )
    if request.method == "POST" and form.is_valid():
        services.notification_preferences_set(
            member=member, choices=form.choices(), weekly_digest=form.digest_choice()
        )
        messages.success(request, "Your notification preferences are saved.")
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
