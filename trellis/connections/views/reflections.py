from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from trellis.connections import selectors, services
from trellis.connections.forms import ReflectionForm, ReflectionSearchForm
from trellis.connections.models import Exchange, Reflection
from trellis.people.models import Member
from trellis.people.requests import member_or_404
from trellis.web.forms import errors_onto

PER_PAGE = 25
EXPORTS = {"json": "application/json", "md": "text/markdown; charset=utf-8"}


def _reflection_or_404(reflection_id: int, author: Member) -> Reflection:
    try:
        return selectors.reflection_for_author(reflection_id=reflection_id, author=author)
    except Reflection.DoesNotExist:
        raise Http404("No such reflection") from None


def _exchange_or_404(request: HttpRequest, author: Member) -> Exchange | None:
    raw = request.POST.get("exchange") or request.GET.get("exchange")
    if not raw:
        return None
    try:
        return selectors.exchange_for_reflection(exchange_id=int(raw), author=author)
    except (ValueError, Exchange.DoesNotExist):
        raise Http404("No such exchange") from None


def with_whom(reflection: Reflection, author: Member) -> Member | None:
    """The other member of the exchange a reflection is about, if it is about one."""
    if reflection.exchange is None:
        return None
    return reflection.exchange.relationship.other(author.pk)


@login_required
@require_GET
def reflection_list(request: HttpRequest) -> HttpResponse:
    author = member_or_404(request)
    form = ReflectionSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    reflections = selectors.reflections_of(author=author, query=query)
    page = Paginator(reflections, PER_PAGE).get_page(request.GET.get("page"))
    for reflection in page:
        reflection.with_whom = with_whom(reflection, author)
    return render(
        request, "connections/reflection_list.html", {"form": form, "page": page, "query": query}
    )


@login_required
@require_http_methods(["GET", "POST"])
def reflection_new(request: HttpRequest) -> HttpResponse:
    """A new entry; after an exchange, with the next prompt of the rotation."""
    author = member_or_404(request)
    exchange = _exchange_or_404(request, author)
    if request.method == "POST":
        prompt = request.POST.get("prompt", "")
    else:
        prompt = selectors.next_prompt(author=author)
    form = ReflectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reflection = services.reflection_write(
                author=author, body=form.cleaned_data["body"], prompt=prompt, exchange=exchange
            )
        except ValidationError as error:
            errors_onto(form, error)
        else:
            messages.success(request, "Saved in your journal. Only you can read it.")
            return redirect(reflection)
    other = exchange.relationship.other(author.pk) if exchange else None
    context = {"form": form, "prompt": prompt, "exchange": exchange, "other": other}
    return render(request, "connections/reflection_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def reflection_detail(request: HttpRequest, reflection_id: int) -> HttpResponse:
    """One entry, to read and rewrite; its author's alone (404 for anyone else)."""
    author = member_or_404(request)
    reflection = _reflection_or_404(reflection_id, author)
    form = ReflectionForm(request.POST or None, initial={"body": reflection.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.reflection_update(
                reflection=reflection, author=author, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            errors_onto(form, error)
        else:
            messages.success(request, "Saved.")
            return redirect(reflection)
    context = {
        "form": form,
        "reflection": reflection,
        "prompt": reflection.prompt,
        "exchange": reflection.exchange,
        "other": with_whom(reflection, author),
    }
    return render(request, "connections/reflection_form.html", context)


@login_required
@require_POST
def reflection_delete(request: HttpRequest, reflection_id: int) -> HttpResponse:
    author = member_or_404(request)
    services.reflection_delete(reflection=_reflection_or_404(reflection_id, author), author=author)
    messages.success(request, "Deleted from your journal.")
    return redirect("connections:reflection_list")


def export_rows(author: Member) -> list[dict]:
    """Every reflection of `author`, oldest first, as plain data."""
    rows = []
    for reflection in reversed(list(selectors.reflections_of(author=author))):
        other = with_whom(reflection, author)
        rows.append(
            {
                "created_at": reflection.created_at.isoformat(),
                "updated_at": reflection.updated_at.isoformat(),
                "prompt": reflection.prompt,
                "body": reflection.body,
                "exchange_date": reflection.exchange.date.isoformat()
                if reflection.exchange
                else None,
                "with": other.display_name if other else None,
            }
        )
    return rows


@login_required
@require_GET
def reflection_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """Download the member's whole journal, as JSON or Markdown. Their own only."""
    if fmt not in EXPORTS:
        raise Http404("No such format")
    author = member_or_404(request)
    rows = export_rows(author)
    if fmt == "json":
        body = json.dumps({"author": author.display_name, "reflections": rows}, indent=2)
    else:
        body = render_to_string("connections/reflections.md", {"author": author, "rows": rows})
    response = HttpResponse(body, content_type=EXPORTS[fmt])
    name = f"trellis-journal-{timezone.localdate().isoformat()}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
