"""Pages of long lists whose count stops at a bound, so that opening a province never counts a million rows."""

from functools import cached_property

from django.core.paginator import Paginator
from django.db.models import QuerySet

COUNT_LIMIT = 10_000


class BoundedPaginator(Paginator):
    """A Paginator counting at most `limit` rows; `more` tells that the list goes on beyond them.

    The pages reach the `limit`-th row (page 200 of 50); past it, people narrow the list with a filter.
    """

    def __init__(self, object_list, per_page, *, limit: int | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.limit = COUNT_LIMIT if limit is None else limit

    @cached_property
    def _bounded_count(self) -> int:
        count_up_to = getattr(self.object_list, "count_up_to", None)
        if count_up_to is not None:  # a list that counts itself another way than it reads its pages
            return count_up_to(self.limit + 1)
        if not isinstance(self.object_list, QuerySet):
            return len(self.object_list[: self.limit + 1])
        # Any `limit` + 1 rows will do: without the ordering, the database stops at the first ones it finds.
        return self.object_list.order_by()[: self.limit + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self._bounded_count, self.limit)

    @property
    def more(self) -> bool:
        return self._bounded_count > self.limit

    @property
    def count_label(self) -> str:
        """The count as a person reads it: "hơn 10.000" past the bound, else the number (dots for thousands)."""
        text = f"{self.count:,}".replace(",", ".")
        return f"hơn {text}" if self.more else text
