"""One way to scope rows by unit: a QuerySet for every model keyed by a unit of the tree.

    class MemberQuerySet(UnitScopedQuerySet):
        unit_field = "unit"          # the lookup from the row to its unit

    Member.objects.visible_to(user)  # rows of the units in the user's scope (their roles' subtrees)
    Member.objects.in_subtree(unit)  # rows of `unit` and every unit below it
    Member.objects.in_subtrees(units)  # rows below any of `units`

These become an indexed BETWEEN on the unit's materialised path (branches.models.subtree_q). Rows that a whole tree
shares (a campaign, organised by the province) use `visible_in_trees_of(user)` and `at_root_of(unit)` instead. Units
themselves use the same mixin (branches.models.UnitQuerySet). Outside branches, no code filters on a path or slices
one (tests/test_one_way_to_scope.py).
"""

from django.db import models

from .models import UnitScopingMixin


class UnitScopedQuerySet(UnitScopingMixin, models.QuerySet):
    unit_field = "unit"
