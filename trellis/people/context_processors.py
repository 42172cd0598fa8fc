from trellis.people.selectors import member_for_user


def current_member(request) -> dict:
    """`current_member`: the signed-in user's profile, read once per request."""
    if not hasattr(request, "_current_member"):
        request._current_member = member_for_user(getattr(request, "user", None))
    return {"current_member": request._current_member}
