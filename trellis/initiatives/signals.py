"""Signals other parts of Trellis may listen to (integrations, above this area).

`initiative_opened` is sent with `initiative` each time one opens for volunteers
(published at once, a draft opened, or opened again after being underway), inside the
transaction that opens it, so what a receiver writes commits or rolls back with it.
"""

from django.dispatch import Signal

initiative_opened = Signal()
