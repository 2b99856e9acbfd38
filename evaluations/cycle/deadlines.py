"""Deadlines of the yearly cycle: pure functions of dates (no ORM, no clock: `today` is passed in)."""

import datetime
from dataclasses import dataclass

# A form returned by the superior may be sent again for this many days after the return, even past the deadline:
# the unit cannot be blamed for the time the superior took.
RESUBMIT_GRACE_DAYS = 7
# A deadline this close shows as "sắp đến hạn".
SOON_DAYS = 7


def effective_due(base_due: datetime.date, extension_due: datetime.date | None = None) -> datetime.date:
    """The deadline that applies to one unit: the campaign's, or a later one granted to it."""
    if extension_due is not None and extension_due > base_due:
        return extension_due
    return base_due


def may_submit(due: datetime.date, today: datetime.date, *, returned_on: datetime.date | None = None) -> bool:
    """Whether the unit may still send its form: on or before the deadline, or within the grace after a return."""
    if today <= due:
        return True
    return returned_on is not None and today <= returned_on + datetime.timedelta(days=RESUBMIT_GRACE_DAYS)


@dataclass(frozen=True)
class DueState:
    due: datetime.date
    days_left: int  # negative when overdue

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def soon(self) -> bool:
        return 0 <= self.days_left <= SOON_DAYS

    @property
    def css(self) -> str:
        return "danger" if self.overdue else "warning" if self.soon else "secondary"

    @property
    def text(self) -> str:
        if self.overdue:
            return f"quá hạn {-self.days_left} ngày (hạn {self.due:%d/%m/%Y})"
        if self.days_left == 0:
            return f"hạn hôm nay ({self.due:%d/%m/%Y})"
        return f"còn {self.days_left} ngày (hạn {self.due:%d/%m/%Y})"


def due_state(due: datetime.date, today: datetime.date) -> DueState:
    return DueState(due=due, days_left=(due - today).days)
