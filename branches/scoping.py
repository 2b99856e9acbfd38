"""One way to scope rows by unit: a QuerySet for every model keyed by a unit of the tree.

    class MemberQuerySet(UnitScopedQuerySet):
        unit_field = "unit"          # the lookup from the row to its unit

    Member.objects.visible_to(user)  # rows of the units in the user's scope (their roles' subtrees)
    Member.objects.in_subtree(unit)  # rows of `unit` and every unit below it

Both become an indexed BETWEEN on the unit's materialised path (branches.models.subtree_q). Units themselves use
the same mixin (branches.models.UnitQuerySet).
"""

from django.db import models

from .models import UnitScopingMixin


class UnitScopedQuerySet(UnitScopingMixin, models.QuerySet):
    unit_field = "unit"
