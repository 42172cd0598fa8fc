"""Signals other parts of Trellis may listen to (integrations, above this area).

`round_published` is sent with `round_obj` inside the transaction that publishes the
round, so what a receiver writes commits or rolls back with it.
"""

from django.dispatch import Signal

round_published = Signal()
