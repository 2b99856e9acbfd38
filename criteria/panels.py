"""The unit page panel: the local items a superior unit set, or those a grassroots unit follows this year."""

from django.template.loader import render_to_string
from django.utils import timezone

from . import permissions
from .models import LocalItem


def local_items_panel(request, unit) -> str:
    """Superior units: their local items of this year and next; grassroots units: their superior's. Two queries."""
    if unit.unit_type in permissions.LOCAL_ITEM_UNIT_TYPES:
        superior = unit
    elif unit.is_grassroots:
        superior = unit.reviewing_superior()
        if superior is None or superior.unit_type not in permissions.LOCAL_ITEM_UNIT_TYPES:
            return ""
    else:
        return ""
    year = timezone.localdate().year
    items = list(
        LocalItem.objects.filter(unit=superior, year__in=[year, year + 1]).order_by("year", "group_number", "code")
    )
    context = {
        "unit": unit,
        "superior": superior,
        "items": items,
        "can_manage": superior.pk == unit.pk and permissions.can_manage_local_items(request.user, unit),
    }
    return render_to_string("criteria/_unit_panel.html", context, request=request)
