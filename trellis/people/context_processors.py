from trellis.people.requests import request_member


def current_member(request) -> dict:
    """`current_member`: the signed-in user's profile, read once per request."""
    return {"current_member": request_member(request)}
