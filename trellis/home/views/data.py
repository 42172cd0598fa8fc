"""Data rights pages: "Your data" for a member, and the organisers' page for people who left.

A member downloads everything that is theirs and may delete their own account. An
organiser may do the same for someone whose status is "left" (never an active or paused
member: they are refused with 409 and a sentence saying why), with an export that holds
only what organisers may already see (see `trellis.home.data_rights.export`).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from trellis.audit.log import record
from trellis.home.data_rights.export import Scope, export_archive
from trellis.home.data_rights.forget import TOMBSTONE_DOMAIN, account_delete
from trellis.home.forms import ConfirmEmailForm
from trellis.people.decorators import organiser_required
from trellis.people.models import Member
from trellis.people.requests import member_or_404
from trellis.web.forms import errors_onto

LEAVERS_PER_PAGE = 50


def _zip_response(name: str, body: bytes) -> HttpResponse:
    response = HttpResponse(body, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def my_data(request: HttpRequest) -> HttpResponse:
    """What Trellis holds about the member, the download, and deleting the account."""
    member = member_or_404(request)
    form = ConfirmEmailForm(expected=request.user.email)
    return render(request, "home/my_data.html", {"member": member, "form": form})


@login_required
@require_GET
def my_data_download(request: HttpRequest) -> HttpResponse:
    """The member's own export: data.json and journal.md in one zip."""
    member = member_or_404(request)
    name, body = export_archive(member=member, scope=Scope.OWN)
    record("account.exported", request=request, target=f"member {member.pk}", exported_by="self")
    return _zip_response(name, body)


@login_required
@require_POST
def my_account_delete(request: HttpRequest) -> HttpResponse:
    """Delete the member's own account once they typed its address again; then sign out."""
    member = member_or_404(request)
    form = ConfirmEmailForm(request.POST, expected=request.user.email)
    if form.is_valid():
        try:
            account_delete(member=member, by=request.user)
        except ValidationError as error:
            errors_onto(form, error)
    if not form.is_valid():
        return render(request, "home/my_data.html", {"member": member, "form": form}, status=400)
    logout(request)
    messages.success(request, "Your account is deleted. Thank you for the time you spent here.")
    return redirect("accounts:login")


def _member_or_404(member_id: int) -> Member:
    """Anyone the organiser may look up here: not an account deleted already."""
    member = (
        Member.objects.select_related("user")
        .exclude(user__email__endswith=f"@{TOMBSTONE_DOMAIN}")
        .filter(pk=member_id)
        .first()
    )
    if member is None:
        raise Http404("No such member")
    return member


def _refused(request: HttpRequest, member: Member) -> HttpResponse:
    """An organiser asked about someone who has not left: say so, and change nothing."""
    return render(request, "home/leaver_refused.html", {"member": member}, status=409)


@organiser_required
@require_GET
def leaver_list(request: HttpRequest) -> HttpResponse:
    """People who left and whose accounts still exist, a page at a time."""
    leavers = (
        Member.objects.filter(status=Member.Status.LEFT)
        .exclude(user__email__endswith=f"@{TOMBSTONE_DOMAIN}")
        .select_related("user")
        .order_by("display_name", "id")
    )
    page = Paginator(leavers, LEAVERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "home/leaver_list.html", {"page": page})


@organiser_required
@require_GET
def leaver_detail(request: HttpRequest, member_id: int) -> HttpResponse:
    member = _member_or_404(member_id)
    if member.status != Member.Status.LEFT:
        return _refused(request, member)
    form = ConfirmEmailForm(expected=member.user.email)
    return render(request, "home/leaver_detail.html", {"member": member, "form": form})


@organiser_required
@require_GET
def leaver_export(request: HttpRequest, member_id: int) -> HttpResponse:
    """What an organiser may hand to someone who left: never their private content."""
    member = _member_or_404(member_id)
    if member.status != Member.Status.LEFT:
        return _refused(request, member)
    name, body = export_archive(member=member, scope=Scope.LEAVER)
    record(
        "account.exported", request=request, target=f"member {member.pk}", exported_by="organiser"
    )
    return _zip_response(name, body)


@login_required
@require_POST  # a GET answers 405 before anything is looked up, as every action URL does
@organiser_required
def leaver_delete(request: HttpRequest, member_id: int) -> HttpResponse:
    member = _member_or_404(member_id)
    if member.status != Member.Status.LEFT:
        return _refused(request, member)
    form = ConfirmEmailForm(request.POST, expected=member.user.email)
    if form.is_valid():
        try:
            account_delete(member=member, by=request.user, request=request)
        except ValidationError as error:
            errors_onto(form, error)
    if not form.is_valid():
        context = {"member": member, "form": form}
        return render(request, "home/leaver_detail.html", context, status=400)
    messages.success(request, "The account is deleted. Others now see “a former member”.")
    return redirect("home:leaver_list")
