"""Admin pages that show rows without letting an operator change them."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.filters import SimpleListFilter
from django.db.models.constants import LOOKUP_SEP


class OnlyOfferedLookups:
    """A changelist filters only by what its own filters offer.

    Django lets any lookup on a model's own fields through the changelist's query string,
    so `?decline_reason__startswith=a` would recover private text a character at a time
    (and `?password__startswith=` a password hash). Here a lookup must start with a field
    the admin's `list_filter` (or `date_hierarchy`) offers; anything else is refused as
    Django refuses a forbidden lookup (400). Put this before `ModelAdmin` in the bases.
    """

    def lookup_allowed(self, lookup, value, request=None):
        if lookup.split(LOOKUP_SEP, 1)[0] not in self._offered_lookups(request):
            return False
        return super().lookup_allowed(lookup, value, request)

    def _offered_lookups(self, request) -> set[str]:
        offered = {self.date_hierarchy} if self.date_hierarchy else set()
        for item in self.get_list_filter(request):
            if isinstance(item, type) and issubclass(item, SimpleListFilter):
                offered.add(item.parameter_name)
            else:
                name = item[0] if isinstance(item, (list, tuple)) else item
                offered.add(name.split(LOOKUP_SEP, 1)[0])
        return offered


class ReadOnlyAdmin(OnlyOfferedLookups, admin.ModelAdmin):
    """Operators see that rows exist and can open one; every write goes through services."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)
