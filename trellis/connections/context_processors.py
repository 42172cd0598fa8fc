from functools import cache

from trellis.connections.selectors import unread_count
from trellis.people.context_processors import current_member


def unread_notifications(request) -> dict:
    """`unread_notifications`: how many notifications the member has not read.

    Counted (one query) only when a template shows it, and at most once.
    """
    member = current_member(request)["current_member"]
    if member is None:
        return {"unread_notifications": 0}
    return {"unread_notifications": cache(lambda: unread_count(member=member))}
