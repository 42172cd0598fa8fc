"""Signals about members, sent by any area and received by those that care, unimported.

`interests_changed(member=...)`: something the member wrote that feeds their
interests changed outside their profile (a post written, edited or deleted).
Matching receives it and refreshes their recommendations.
"""

from django.dispatch import Signal

interests_changed = Signal()
