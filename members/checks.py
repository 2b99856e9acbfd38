"""Rules the registry adds to changes of the tree (registered in MembersConfig.ready)."""

from branches.models import subtree_q

from .models import Member, MemberStatus


def active_members_left(unit) -> str | None:
    """A unit is not dissolved while members still meet in it: they would be left in a unit that no longer exists."""
    count = Member.objects.filter(subtree_q([unit.path], prefix="unit__"), status=MemberStatus.ACTIVE).count()
    if count:
        return (
            f"Còn {count} đoàn viên đang sinh hoạt trong đơn vị này; hãy chuyển sinh hoạt cho họ "
            "(sang chi đoàn khác hoặc đơn vị kế thừa) trước khi giải thể."
        )
    return None
