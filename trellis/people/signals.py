"""Signals about members, sent by any area and received by those that care, unimported.

`interests_changed(member=..., post_id=...)`: something the member wrote that feeds
their interests changed outside their profile (a post written, edited or deleted;
`post_id` names it). Matching receives it and refreshes their recommendations, and
who could help with them and with the post.

`help_given_changed(member=...)`: evidence that the member helped someone changed (an
exchange in which they shared something, a contribution to someone's initiative, an
observation of their work). Matching receives it and works out again who could help
whom.
"""

from django.dispatch import Signal

interests_changed = Signal()
help_given_changed = Signal()
