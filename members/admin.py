from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .filters import search_members
from .models import Member, MemberRating, MemberTransfer, PartyIntroduction, YouthRecord


class NoDeleteAdmin(SimpleHistoryAdmin):
    """Registry rows are kept for good, even from a superuser: a member leaves through a status, a transfer is
    cancelled, and a hard delete would also orphan the history other units rely on. No delete action either."""

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Member)
class MemberAdmin(NoDeleteAdmin):
    list_display = ["full_name", "birth_date", "unit", "status"]
    list_filter = ["status", "gender"]
    # The search is the member list's (see get_search_results): diacritic-free, by name, CCCD or card number.
    search_fields = ["name_search"]
    list_select_related = ["unit"]
    raw_id_fields = ["unit", "introducer"]
    ordering = ["sort_key"]
    # On a roll of a million, a search is not followed by a count of the whole table.
    show_full_result_count = False

    def get_search_results(self, request, queryset, search_term):
        """The member list's search, answered from the name, CCCD and card indexes, instead of the admin's
        substring match of every word in every field (a scan of the whole roll: 3 s at 1,000,000 members)."""
        if not search_term.strip():
            return queryset, False
        return search_members(queryset, search_term), False


@admin.register(MemberRating)
class MemberRatingAdmin(NoDeleteAdmin):
    list_display = ["member", "year", "level"]
    list_filter = ["year", "level"]
    raw_id_fields = ["member", "unit", "rated_by"]


@admin.register(MemberTransfer)
class MemberTransferAdmin(NoDeleteAdmin):
    list_display = ["member", "from_unit", "to_unit", "destination_text", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["member", "from_unit", "to_unit", "assigned_unit", "created_by", "decided_by"]


@admin.register(PartyIntroduction)
class PartyIntroductionAdmin(NoDeleteAdmin):
    list_display = ["member", "year", "outcome"]
    raw_id_fields = ["member", "created_by"]


@admin.register(YouthRecord)
class YouthRecordAdmin(NoDeleteAdmin):
    list_display = ["full_name", "category", "unit", "is_open"]
    list_filter = ["category", "is_open"]
    raw_id_fields = ["unit", "member", "created_by"]
