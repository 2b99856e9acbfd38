"""The unit page panel: member counts, links to the registry pages and the data-quality flags."""

import datetime

from django.db.models import Count, Q
from django.template.loader import render_to_string

from branches.models import INNER_TYPES

from . import permissions
from .filters import QUALITY_FLAGS
from .models import Gender, Member, MemberStatus, MemberTransfer
from .services import is_roll_unit
from .statistics import quality_flags


def members_panel(request, unit) -> str:
    """Counts and flags of the unit's subtree.

    A grassroots unit or chi đoàn (a few thousand members at most) gets its counts by gender and Party membership
    and the data-quality flags with names. A superior unit may hold a million members: it gets the total alone,
    counted from an index, and links that run each flag on demand in the member list.
    """
    active = Member.objects.in_subtree(unit).filter(status=MemberStatus.ACTIVE)
    own_level = unit.is_grassroots or unit.unit_type in INNER_TYPES
    if own_level:
        counts = active.aggregate(
            total=Count("pk"),
            female=Count("pk", filter=Q(gender=Gender.FEMALE)),
            party=Count("pk", filter=Q(is_party_member=True)),
        )
    else:
        counts = {"total": active.count()}
    incoming = MemberTransfer.objects.waiting_for(request.user, unit).count()
    context = {
        "unit": unit,
        "counts": counts,
        "incoming": incoming,
        "flags": quality_flags(unit, today=datetime.date.today()) if own_level else None,
        "flag_links": QUALITY_FLAGS.items(),
        "can_edit": permissions.can_edit_members(request.user, unit),
        "is_roll_unit": is_roll_unit(unit),
        # The rating sheet is per chi đoàn: offered where members sit directly (a chi đoàn, a unit without any).
        "has_own_roll": is_roll_unit(unit) and (unit.unit_type in INNER_TYPES or unit.numchild == 0),
    }
    return render_to_string("members/_unit_panel.html", context, request=request)
