from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404


def organiser_required(view):
    """Only organisers (and superusers) may use this view; others get a 404."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        user = request.user
        if not (user.is_organiser or user.is_superuser):
            raise Http404("Not found")
        return view(request, *args, **kwargs)

    return wrapped
