"""The member roll: the list with search and filters, a member's record (add, edit, status, history) and the
pickers its forms search with."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from branches.models import GRASSROOTS_TYPES, INNER_TYPES, Unit, user_assignments
from branches.permissions import get_unit_for_user
from common.history import history_rows
from common.locking import with_version
from common.paging import BoundedPaginator
from common.pickers import picker_response
from members import permissions, services
from members.errors import MemberError, StaleError
from members.filters import MemberFilterForm, member_list_ids, search_members
from members.forms import MemberForm, StatusForm, member_label, unit_label
from members.models import Member, MemberStatus
from members.services import is_roll_unit

PAGE_SIZE = 50
# Up to this many chi đoàn to add a member to, the form offers a plain list; beyond it, a search.
ROLL_UNIT_SELECT_LIMIT = 20
OUT_OF_SCOPE_MEMBER = "(đoàn viên ngoài phạm vi quản lý của bạn)"


def member_list(request):
    """Members of the user's scope (or of one unit's subtree), searched and filtered, in Vietnamese order."""
    unit = get_unit_for_user(request.user, request.GET["don_vi"]) if request.GET.get("don_vi") else None
    ids = member_list_ids(*_list_scope(request.user, unit, request.GET))
    # Page through ids first (answered from the indexes alone), then fetch only the rows shown; the count
    # stops at 10,000 so that a district or the province is never counted row by row.
    page = BoundedPaginator(ids, PAGE_SIZE).get_page(request.GET.get("trang"))
    page.object_list = [pk for pk, _ in page.object_list]
    rows = Member.objects.select_related("unit").in_bulk(page.object_list)
    context = {
        "unit": unit,
        "unit_choices": _unit_choices(request.user, unit),
        "form": MemberFilterForm(request.GET),
        "page": page,
        "rows": [rows[pk] for pk in page.object_list],
        "can_add": unit is not None and permissions.can_edit_members(request.user, unit),
        "filtered": any(v for k, v in request.GET.items() if k not in ("trang", "don_vi")),
    }
    return render(request, "members/member_list.html", context)


def _list_scope(user, unit: Unit | None, params):
    """The units whose members a list shows (None: every member), and its GET parameters.

    A scope that holds the whole tree (the province) drops the unit condition altogether: the list is then
    read in name order straight from the sort_key index and stops after one page, instead of sorting the
    whole roll by way of every unit.
    """
    scope = [unit.pk] if unit is not None else [a.unit_id for a in user_assignments(user)]
    roots = list(Unit.objects.filter(depth=1).values_list("pk", flat=True)[:2])
    if (user.is_superuser and unit is None) or (len(roots) == 1 and roots[0] in scope):
        params = params.copy()
        params.pop("don_vi", None)
        return None, params
    return Unit.objects.visible_to(user), params


def _unit_choices(user, unit: Unit | None) -> list[Unit]:
    """Units to narrow the list to: the chosen unit's direct subunits, or the units the user works for."""
    if unit is not None:
        return list(Unit.objects.children_of(unit).order_by("valid_to", "search_text"))
    return [a.unit for a in user_assignments(user)]


def _roll_units(user, within: Unit | None = None, *, search: str = ""):
    """Active chi đoàn (and grassroots units) the user may add members to, optionally under one unit and
    matching a typed search."""
    units = Unit.objects.visible_to(user).active()
    if within is not None:
        units = units.descendants_of(within, include_self=True)
    if search:
        units = units.search(search)
    units = units.filter(Q(unit_type__in=INNER_TYPES) | Q(unit_type__in=GRASSROOTS_TYPES))
    return [u for u in units.order_by("path") if permissions.can_edit_members(user, u) and is_roll_unit(u)]


def _introducers(unit: Unit | None) -> dict:
    """Active members of the grassroots unit that holds `unit` (who may introduce a new member), and the
    address its picker searches them at."""
    grassroots = services.grassroots_of(unit) if unit is not None else None
    if grassroots is None or not grassroots.is_grassroots:
        # Opened from a district: the choice would be the whole district.
        return {"introducers": Member.objects.none(), "introducer_url": None}
    return {
        "introducers": Member.objects.in_subtree(grassroots).active(),
        "introducer_url": reverse("members:member_picker", args=[grassroots.pk]),
    }


def member_picker(request, pk):
    """A picker's answers: active members of a unit's subtree in the user's scope matching the typed name
    (any diacritics), CCCD or card number; at most 20, in name order."""
    unit = get_unit_for_user(request.user, pk)
    query = request.GET.get("q", "").strip()[:100]
    members = Member.objects.none()
    if query:
        members = search_members(Member.objects.visible_to(request.user).in_subtree(unit).active(), query)
        members = members.select_related("unit").order_by("sort_key", "pk")
    return picker_response(members, member_label)


@require_GET
def roll_unit_picker(request):
    """A picker's answers: chi đoàn (under `don_vi` if given) the user may add members to, whose name or
    code holds every typed word; at most 20."""
    within = get_unit_for_user(request.user, request.GET["don_vi"]) if request.GET.get("don_vi") else None
    query = request.GET.get("q", "").strip()[:100]
    units = _roll_units(request.user, within, search=query) if query else []
    return picker_response(units, unit_label)


def member_create(request):
    within = get_unit_for_user(request.user, request.GET["don_vi"]) if request.GET.get("don_vi") else None
    units = _roll_units(request.user, within)
    if not units:
        raise PermissionDenied("Bạn không có quyền thêm đoàn viên vào đơn vị này.")
    unit_url = None
    if len(units) > ROLL_UNIT_SELECT_LIMIT:
        unit_url = reverse("members:roll_unit_picker") + (f"?don_vi={within.pk}" if within else "")
    form = MemberForm(
        request.POST or None,
        units=Unit.objects.filter(pk__in=[u.pk for u in units]).order_by("path"),
        unit_url=unit_url,
        **_introducers(within or units[0]),
        initial={"unit": units[0].pk if len(units) == 1 else None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            member = services.create_member(unit=form.cleaned_data["unit"], by=request.user, **form.member_fields())
        except MemberError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Đã thêm đoàn viên “{member.full_name}”.")
            return redirect(member)
    return render(request, "members/member_form.html", {"form": form, "unit": within, "member": None})


def member_detail(request, pk):
    member = permissions.get_member_for_user(request.user, pk)
    # Members who moved to a unit outside the user's scope are named on neither side of an introduction.
    visible = Member.objects.visible_to(request.user)
    context = {
        "member": member,
        "introducer_visible": member.introducer_id is not None and visible.filter(pk=member.introducer_id).exists(),
        "can_edit": permissions.can_edit_member(request.user, member),
        "ratings": member.ratings.select_related("unit").order_by("-year"),
        "transfers": member.transfers.select_related("from_unit", "to_unit", "assigned_unit").order_by("-created_at"),
        "introductions": member.party_introductions.order_by("-year"),
        "introduced": visible.filter(introducer=member)
        .select_related("unit")
        .order_by("-admission_decision_date", "sort_key"),
        "age": member.age_on(datetime.date.today()),
    }
    return render(request, "members/member_detail.html", context)


def member_edit(request, pk):
    member = permissions.get_member_for_user(request.user, pk, write=True)
    form = MemberForm(request.POST or None, instance=member, **_introducers(member.unit))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_member(
                member=member,
                by=request.user,
                expected_version=form.cleaned_data.get("version"),
                **form.member_fields(),
            )
        except StaleError as error:
            fresh = Member.objects.get(pk=member.pk)
            form = MemberForm(with_version(request.POST, fresh), instance=fresh, **_introducers(member.unit))
            form.add_error(None, str(error))
        except MemberError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Đã lưu hồ sơ đoàn viên.")
            return redirect(member)
    return render(request, "members/member_form.html", {"form": form, "unit": member.unit, "member": member})


def member_status(request, pk):
    member = permissions.get_member_for_user(request.user, pk, write=True)
    form = StatusForm(request.POST or None, member=member)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_member_status(member=member, by=request.user, **form.cleaned_data)
        except MemberError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Đã chuyển trạng thái sang “{MemberStatus(form.cleaned_data['status']).label}”.")
            return redirect(member)
    return render(request, "members/member_status.html", {"form": form, "member": member})


def member_history(request, pk):
    member = permissions.get_member_for_user(request.user, pk)
    records = list(member.history.select_related("history_user").order_by("-history_date", "-history_id")[:200])
    units = dict(Unit.objects.filter(pk__in={r.unit_id for r in records}).values_list("pk", "name"))
    introducer_ids = {r.introducer_id for r in records if r.introducer_id}
    # An introducer who moved out of the user's scope is not named.
    introducers = dict.fromkeys(introducer_ids, OUT_OF_SCOPE_MEMBER) | dict(
        Member.objects.visible_to(request.user).filter(pk__in=introducer_ids).values_list("pk", "full_name")
    )
    rows = history_rows(records, Member, names={"unit": units, "introducer": introducers})
    return render(request, "members/member_history.html", {"member": member, "rows": rows})
