from functools import cache

from trellis.notifications.selectors import unread_count
from trellis.people.requests import request_member


def unread_notifications(request) -> dict:
    """`unread_notifications`: how many notifications the member has not read.

    Counted (one query) only when a template shows it, and at most once.
    """
    member = request_member(request)
    if member is None:
        return {"unread_notifications": 0}
    return {"unread_notifications": cache(lambda: unread_count(member=member))}
