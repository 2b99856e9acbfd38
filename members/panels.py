"""The unit page panel: member counts, links to the registry pages and the data-quality flags."""

import datetime

from django.db.models import Count, Q
from django.template.loader import render_to_string

from branches.models import INNER_TYPES, subtree_range

from . import permissions
from .models import Gender, Member, MemberStatus, MemberTransfer, TransferStatus
from .services import is_roll_unit
from .statistics import quality_flags


def members_panel(request, unit) -> str:
    """Counts and flags of the unit's subtree; the flags are left out on a province (too wide to act on)."""
    active = Member.objects.in_subtree(unit).filter(status=MemberStatus.ACTIVE)
    counts = active.aggregate(
        total=Count("pk"),
        female=Count("pk", filter=Q(gender=Gender.FEMALE)),
        party=Count("pk", filter=Q(is_party_member=True)),
    )
    incoming = MemberTransfer.objects.filter(
        status=TransferStatus.PENDING, to_unit__path__range=subtree_range(unit.path)
    ).count()
    context = {
        "unit": unit,
        "counts": counts,
        "incoming": incoming,
        "flags": quality_flags(unit, today=datetime.date.today()) if unit.depth > 1 else None,
        "can_edit": permissions.can_edit_members(request.user, unit),
        "is_roll_unit": is_roll_unit(unit),
        # The rating sheet is per chi đoàn: offered where members sit directly (a chi đoàn, a unit without any).
        "has_own_roll": is_roll_unit(unit) and (unit.unit_type in INNER_TYPES or unit.numchild == 0),
    }
    return render_to_string("members/_unit_panel.html", context, request=request)
