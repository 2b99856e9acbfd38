"""CCCD numbers met outside the user's scope: security events, a daily allowance, and who may read them.

A CCCD belongs to one active member in the whole province (the uniqueness rule stays), so refusing a number tells
whoever typed it that someone, somewhere, holds it: one number per form, thousands per import. Each such
conflict with a member the user cannot see is recorded (user, unit, when, how many); past
settings.CCCD_CONFLICTS_PER_DAY in a day, the user's new CCCD numbers are refused until the next day; the province
committee reads the events.
"""

import datetime
import functools

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from branches.models import Role, user_assignments
from branches.permissions import is_system_admin

from .errors import IdNumberTaken, MemberError
from .models import IdNumberConflict, Member

THROTTLED_MESSAGE = (
    "Hôm nay tài khoản của bạn đã gặp nhiều số CCCD trùng với đoàn viên ngoài phạm vi quản lý; cổng tạm thời không "
    "nhận số CCCD mới của bạn đến hết ngày. Nếu cần, hãy liên hệ Ban Tổ chức – Kiểm tra Tỉnh đoàn."
)


def conflicts_today(user) -> int:
    """How many cross-scope CCCD conflicts the user met since midnight (local time)."""
    start = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time.min))
    total = IdNumberConflict.objects.filter(user=user, created_at__gte=start).aggregate(total=Sum("count"))["total"]
    return total or 0


def is_throttled(user) -> bool:
    return user is not None and user.is_authenticated and conflicts_today(user) >= settings.CCCD_CONFLICTS_PER_DAY


def over_allowance(user) -> bool:
    """The user met more cross-scope conflicts today than the day allows."""
    return user is not None and user.is_authenticated and conflicts_today(user) > settings.CCCD_CONFLICTS_PER_DAY


def outside_scope(user, member_ids) -> int:
    """How many of the members `member_ids` the user cannot see."""
    member_ids = set(member_ids)
    if not member_ids or user is None or user.is_superuser:
        return 0
    return len(member_ids) - Member.objects.visible_to(user).filter(pk__in=member_ids).count()


def record_conflicts(*, user, unit, holder_ids, source: str) -> int:
    """Record the holders among `holder_ids` that the user cannot see as one event; returns how many."""
    count = outside_scope(user, holder_ids)
    if count and user is not None and user.is_authenticated:
        IdNumberConflict.objects.create(user=user, unit=unit, count=count, source=source[:100])
    return count


def guards_id_numbers(service):
    """Around a registry service taking `by` and an `id_number`: refuse a new CCCD from a throttled user, and
    record a refusal caused by a member outside the user's scope (after the service's transaction rolled back)."""

    @functools.wraps(service)
    def guarded(*, by, **kwargs):
        id_number = kwargs.get("id_number")
        member = kwargs.get("member")
        if id_number and is_throttled(by):
            stored = Member.objects.filter(pk=member.pk).values_list("id_number", flat=True).first() if member else None
            if id_number != stored:
                raise MemberError(THROTTLED_MESSAGE)
        try:
            return service(by=by, **kwargs)
        except IdNumberTaken as error:
            unit = kwargs.get("unit") or member.unit
            record_conflicts(user=by, unit=unit, holder_ids=[error.holder_id], source="Biểu mẫu đoàn viên")
            raise

    return guarded


def can_see_id_conflicts(user) -> bool:
    """The province committee and system administrators read the security events."""
    return is_system_admin(user) or any(a.role == Role.PROVINCE_COMMITTEE for a in user_assignments(user))


def conflicts_visible_to(user):
    return IdNumberConflict.objects.visible_to(user).select_related("user", "unit")
