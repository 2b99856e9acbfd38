from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from .models import RoleAssignment, Term, Unit


class NoDeleteMixin:
    """Nothing a user entered is hard-deleted: units are dissolved, roles revoked (in the portal)."""

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Unit)
class UnitAdmin(NoDeleteMixin, TreeAdmin, SimpleHistoryAdmin):
    form = movenodeform_factory(
        Unit,
        fields=[
            "unit_type",
            "code",
            "name",
            "short_name",
            "doc_code",
            "place_name",
            "valid_from",
            "valid_to",
            "successor",
        ],
    )
    list_display = ["name", "code", "unit_type", "valid_to"]
    search_fields = ["search_text", "code"]
    list_filter = ["unit_type"]
    raw_id_fields = ["successor"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ["user", "role", "unit", "is_active"]
    list_filter = ["role", "is_active"]
    raw_id_fields = ["user", "unit", "created_by"]
    search_fields = ["user__username", "unit__code"]


@admin.register(Term)
class TermAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ["name", "unit", "start_year", "end_year"]
