"""One way to scope rows by unit: a QuerySet mixin for every model keyed by a unit of the tree.

    class MemberQuerySet(UnitScopedQuerySet):
        unit_field = "unit"          # the lookup from the row to its unit

    Member.objects.visible_to(user)  # rows of the units in the user's scope (their roles' subtrees)
    Member.objects.in_subtree(unit)  # rows of `unit` and every unit below it

Both become an indexed BETWEEN on the unit's materialised path (see branches.models.subtree_q).
"""

from django.db import models

from .models import subtree_q, user_scope_paths


class UnitScopedQuerySet(models.QuerySet):
    unit_field = "unit"

    def visible_to(self, user):
        """Rows whose unit lies in the subtrees of the units the user holds a role on."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(subtree_q(user_scope_paths(user), prefix=f"{self.unit_field}__"))

    def in_subtree(self, unit):
        return self.filter(subtree_q([unit.path], prefix=f"{self.unit_field}__"))
