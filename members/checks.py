"""Rules the registry adds to changes of the tree (registered in MembersConfig.ready)."""

from .models import Member, MemberStatus


def active_members_left(unit) -> str | None:
    """A unit is not dissolved while members still meet in it: they would be left in a unit that no longer exists."""
    count = Member.objects.in_subtree(unit).filter(status=MemberStatus.ACTIVE).count()
    if count:
        return (
            f"Còn {count} đoàn viên đang sinh hoạt trong đơn vị này; hãy chuyển sinh hoạt cho họ "
            "(sang chi đoàn khác hoặc đơn vị kế thừa) trước khi giải thể."
        )
    return None
