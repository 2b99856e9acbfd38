"""Pages of the member registry: list, record, history, ratings, transfers, Party introductions, youth lists,
statistics. Each view fetches and authorises from the user's scope, then makes one call to members/services.py.
"""

import datetime
from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from branches.models import INNER_TYPES, Unit, subtree_q, user_assignments, user_scope_paths
from branches.permissions import can_view_unit, get_unit_for_user
from common.downloads import xlsx_attachment
from common.history import history_rows
from common.paging import BoundedPaginator
from common.pickers import picker_response

from . import permissions, reports, services
from .filters import MemberFilterForm, member_list_ids, search_members
from .forms import (
    AcceptTransferForm,
    DeclineTransferForm,
    MemberForm,
    PartyIntroductionForm,
    PartyOutcomeForm,
    RatingSheetForm,
    StatsForm,
    StatusForm,
    TransferForm,
    YouthRecordForm,
    member_label,
    transfer_destinations,
    unit_label,
)
from .models import (
    Member,
    MemberRating,
    MemberStatus,
    MemberTransfer,
    PartyIntroduction,
    TransferStatus,
    YouthCategory,
    YouthRecord,
    current_rating_year,
)
from .services import MemberError, StaleError, is_roll_unit
from .statistics import reporting_dates, unit_statistics

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
    paths = [unit.path] if unit is not None else user_scope_paths(user)
    roots = list(Unit.objects.filter(depth=1).values_list("path", flat=True)[:2])
    if (user.is_superuser and unit is None) or (len(roots) == 1 and roots[0] in paths):
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
    units = units.filter(Q(unit_type__in=INNER_TYPES) | Q(unit_type__in=["doan_co_so", "chi_doan_co_so"]))
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


@require_GET
def transfer_destination_picker(request):
    """A picker's answers: active grassroots units of the whole portal (any of them may receive a member)
    whose name, short name or code holds every typed word, diacritics or not; at most 20."""
    query = request.GET.get("q", "").strip()[:100]
    units = transfer_destinations().search(query) if query else Unit.objects.none()
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
                expected_updated_at=form.cleaned_data.get("version"),
                **form.member_fields(),
            )
        except StaleError as error:
            fresh = Member.objects.get(pk=member.pk)
            form = MemberForm(_with_version(request, fresh.updated_at), instance=fresh, **_introducers(member.unit))
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


def rating_sheet(request, pk):
    """The year's rating of every active member of one chi đoàn, entered on one screen."""
    unit = permissions.get_roll_unit_for_user(request.user, pk)
    if not is_roll_unit(unit):
        raise Http404("Xếp loại đoàn viên được nhập theo từng chi đoàn.")
    year = _year(request, default=current_rating_year(timezone.localdate()))
    can_edit = permissions.can_edit_members(request.user, unit)
    members = list(Member.objects.filter(unit=unit, status=MemberStatus.ACTIVE).order_by("sort_key", "pk"))
    ratings = list(MemberRating.objects.filter(member__in=members, year=year))
    current = {r.member_id: r.level for r in ratings}
    version = services.rating_sheet_version(ratings)
    form = RatingSheetForm(request.POST or None, members=members, year=year, current=current, version=version)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied("Bạn chỉ được xem xếp loại của chi đoàn này.")
        if form.is_valid():
            try:
                changed = services.rate_members(
                    unit=unit,
                    year=year,
                    levels=form.levels(),
                    by=request.user,
                    expected_version=form.cleaned_data["version"] or None,
                )
            except StaleError as error:
                # The version as it is now: another save may have landed after this request read the sheet.
                version = services.rating_sheet_version(MemberRating.objects.filter(member__in=members, year=year))
                data = request.POST.copy()
                data["version"] = version
                form = RatingSheetForm(data, members=members, year=year, current=current, version=version)
                form.add_error(None, str(error))
            except MemberError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"Đã lưu xếp loại năm {year} ({changed} thay đổi).")
                return redirect(f"{request.path}?nam={year}")
    build = partial(reports.rating_table, unit, year, members, _level_labels(ratings), today=timezone.localdate())
    if request.method == "GET" and (download := _report(request, build)):
        return download
    this_year = datetime.date.today().year
    context = {
        "unit": unit,
        "year": year,
        "form": form,
        "can_edit": can_edit,
        "years": range(this_year, 2017, -1),
        "branches": Unit.objects.children_of(unit).active().order_by("search_text") if unit.numchild else [],
    }
    return render(request, "members/memberrating_sheet.html", context)


def _level_labels(ratings) -> dict:
    return {rating.member_id: rating.get_level_display() for rating in ratings}


def _report(request, build):
    """The page's table as Excel (?tai=excel) or as a print page (?tai=in); None for the page itself."""
    wanted = request.GET.get("tai")
    if wanted not in ("excel", "in"):
        return None
    table = build()
    if wanted == "excel":
        return xlsx_attachment(table.xlsx(), f"{table.file_stem}.xlsx")
    back = request.GET.copy()
    back.pop("tai")
    back_url = f"{request.path}?{back.urlencode()}" if back else request.path
    return render(request, "members/print_table.html", {"table": table, "back_url": back_url})


def _with_version(request, updated_at):
    """The user's input with the record's current version, so saving again overwrites knowingly."""
    data = request.POST.copy()
    data["version"] = updated_at.isoformat()
    return data


def _year(request, *, default: int) -> int:
    try:
        year = int(request.GET.get("nam", default))
    except ValueError:
        return default
    return year if 2000 <= year <= 2100 else default


def transfer_create(request, pk):
    member = permissions.get_member_for_user(request.user, pk, write=True)
    form = TransferForm(
        request.POST or None, member=member, destination_url=reverse("members:transfer_destination_picker")
    )
    if request.method == "POST" and form.is_valid():
        try:
            transfer = services.start_transfer(member=member, by=request.user, **form.cleaned_data)
        except MemberError as error:
            form.add_error(None, str(error))
        else:
            if transfer.to_unit_id:
                messages.success(request, f"Đã gửi hồ sơ chuyển sinh hoạt tới {transfer.to_unit.name}.")
            else:
                messages.success(request, "Đã ghi nhận chuyển sinh hoạt ra ngoài cổng; hãy in giấy giới thiệu.")
            return redirect(transfer)
    return render(request, "members/membertransfer_form.html", {"form": form, "member": member})


def transfer_list(request):
    """Transfers into and out of the user's units: the incoming ones wait for an answer."""
    scope = Unit.objects.visible_to(request.user).values("pk")
    unit = get_unit_for_user(request.user, request.GET["don_vi"]) if request.GET.get("don_vi") else None
    base = MemberTransfer.objects.select_related("member", "from_unit", "to_unit", "assigned_unit")
    waiting = base.waiting_for(request.user, unit).order_by("-created_at")
    incoming = base.filter(to_unit__in=scope).exclude(from_unit__in=scope).exclude(status=TransferStatus.PENDING)
    outgoing = base.filter(from_unit__in=scope).order_by("status", "-created_at")
    context = {
        "unit": unit,
        "incoming_pending": list(waiting[:200]),
        "incoming_done": incoming.order_by("-created_at")[:50],
        "outgoing": outgoing[:100],
    }
    return render(request, "members/membertransfer_list.html", context)


def transfer_detail(request, pk):
    transfer = permissions.get_transfer_for_user(request.user, pk)
    can_receive = transfer.is_pending and permissions.can_receive_transfer(request.user, transfer)
    context = {
        "transfer": transfer,
        "member": transfer.member,
        "can_see_member": permissions.can_see_transferred_member(request.user, transfer),
        "can_open_member": can_view_unit(request.user, transfer.member.unit),
        "can_print_letter": permissions.can_print_transfer_letter(request.user, transfer),
        "can_receive": can_receive,
        "can_cancel": transfer.is_pending and permissions.can_cancel_transfer(request.user, transfer),
        "accept_form": AcceptTransferForm(units=_receiving_units(transfer)) if can_receive else None,
        "decline_form": DeclineTransferForm() if can_receive else None,
        "history": transfer.history.select_related("history_user").order_by("history_date", "history_id"),
    }
    return render(request, "members/membertransfer_detail.html", context)


def _receiving_units(transfer):
    units = Unit.objects.descendants_of(transfer.to_unit, include_self=True).active().order_by("path")
    return units.filter(pk__in=[u.pk for u in units if is_roll_unit(u)])


@require_POST
def transfer_accept(request, pk):
    transfer = permissions.get_transfer_for_user(request.user, pk)
    if not permissions.can_receive_transfer(request.user, transfer):
        raise PermissionDenied("Bạn không có quyền tiếp nhận hồ sơ này.")
    form = AcceptTransferForm(request.POST, units=_receiving_units(transfer))
    if not form.is_valid():
        messages.error(request, "Hãy chọn chi đoàn tiếp nhận.")
        return redirect(transfer)
    try:
        services.accept_transfer(transfer=transfer, by=request.user, **form.cleaned_data)
    except MemberError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Đã tiếp nhận {transfer.member.full_name} vào {form.cleaned_data['assigned_unit']}.")
    return redirect(transfer)


@require_POST
def transfer_decline(request, pk):
    transfer = permissions.get_transfer_for_user(request.user, pk)
    if not permissions.can_receive_transfer(request.user, transfer):
        raise PermissionDenied("Bạn không có quyền xử lý hồ sơ này.")
    form = DeclineTransferForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Hãy ghi lý do từ chối.")
        return redirect(transfer)
    try:
        services.decline_transfer(transfer=transfer, by=request.user, **form.cleaned_data)
    except MemberError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Đã từ chối tiếp nhận; đơn vị chuyển đi sẽ thấy lý do.")
    return redirect(transfer)


@require_POST
def transfer_cancel(request, pk):
    transfer = permissions.get_transfer_for_user(request.user, pk)
    if not permissions.can_cancel_transfer(request.user, transfer):
        raise PermissionDenied("Bạn không có quyền hủy hồ sơ này.")
    try:
        services.cancel_transfer(transfer=transfer, by=request.user)
    except MemberError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Đã hủy hồ sơ chuyển sinh hoạt.")
    return redirect(transfer)


def transfer_letter(request, pk):
    """The introduction letter (giấy giới thiệu chuyển sinh hoạt đoàn) as a PDF, for the sending unit."""
    from .letters import letter_context, render_letter

    transfer = permissions.get_transfer_for_user(request.user, pk)
    if not permissions.can_print_transfer_letter(request.user, transfer):
        raise Http404("Hồ sơ này không có giấy giới thiệu.")
    pdf = render_letter(letter_context(transfer, today=datetime.date.today()))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="giay-gioi-thieu-{transfer.pk}.pdf"'
    return response


def party_introduction_create(request, pk):
    member = permissions.get_member_for_user(request.user, pk, write=True)
    form = PartyIntroductionForm(request.POST or None, initial={"year": datetime.date.today().year})
    if request.method == "POST" and form.is_valid():
        try:
            services.record_party_introduction(member=member, by=request.user, **form.cleaned_data)
        except MemberError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Đã ghi nhận giới thiệu đoàn viên ưu tú cho Đảng.")
            return redirect(member)
    return render(request, "members/partyintroduction_form.html", {"form": form, "member": member})


def party_outcome(request, pk):
    introduction = _introduction_for_user(request.user, pk)
    member = introduction.member
    if not permissions.can_edit_member(request.user, member):
        raise PermissionDenied("Bạn chỉ được xem kết quả này.")
    form = PartyOutcomeForm(
        request.POST or None,
        initial={"outcome": introduction.outcome, "admitted_date": introduction.party_admitted_date},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_party_outcome(introduction=introduction, by=request.user, **form.cleaned_data)
        except MemberError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Đã cập nhật kết quả giới thiệu.")
            return redirect(member)
    context = {"form": form, "member": member, "introduction": introduction}
    return render(request, "members/partyintroduction_outcome.html", context)


def _introduction_for_user(user, pk) -> PartyIntroduction:
    try:
        visible = Member.objects.visible_to(user).values("pk")
        return PartyIntroduction.objects.select_related("member__unit").get(pk=pk, member__in=visible)
    except (PartyIntroduction.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy.") from None


def party_list(request, pk):
    """Members of a unit's subtree introduced to the Party, by year, with the outcome."""
    unit = get_unit_for_user(request.user, pk)
    year = _year(request, default=datetime.date.today().year)
    introductions = (
        PartyIntroduction.objects.filter(year=year)
        .filter(subtree_q([unit.path], prefix="member__unit__"))
        .select_related("member__unit")
        .order_by("member__sort_key")
    )
    build = partial(reports.party_table, unit, year, introductions, today=timezone.localdate())
    if download := _report(request, build):
        return download
    this_year = datetime.date.today().year
    context = {"unit": unit, "year": year, "introductions": introductions, "years": range(this_year, 2017, -1)}
    return render(request, "members/partyintroduction_list.html", context)


def youth_list(request, pk):
    """A unit's youth lists (sensitive: only the unit and its superiors reach this page)."""
    unit = get_unit_for_user(request.user, pk)
    category = request.GET.get("nhom", "")
    records = YouthRecord.objects.filter(subtree_q([unit.path], prefix="unit__")).select_related("unit", "member")
    if category in YouthCategory.values:
        records = records.filter(category=category)
    if request.GET.get("da_dong") != "1":
        records = records.filter(is_open=True)
    records = records.order_by("category", "name_search")
    if download := _report(request, partial(reports.youth_table, unit, records, today=timezone.localdate())):
        return download
    context = {
        "unit": unit,
        "records": records[:500],
        "categories": YouthCategory.choices,
        "category": category,
        "can_edit": permissions.can_edit_members(request.user, unit),
    }
    return render(request, "members/youthrecord_list.html", context)


def youth_create(request, pk):
    unit = permissions.get_roll_unit_for_user(request.user, pk, write=True)
    form = YouthRecordForm(
        request.POST or None,
        members=Member.objects.in_subtree(unit).active(),
        member_url=reverse("members:member_picker", args=[unit.pk]),
        initial={"category": request.GET.get("nhom")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_youth_record(unit=unit, by=request.user, **form.record_fields())
        except MemberError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Đã thêm vào danh sách.")
            return redirect("members:youth_list", pk=unit.pk)
    return render(request, "members/youthrecord_form.html", {"form": form, "unit": unit, "record": None})


def youth_edit(request, pk):
    record = permissions.get_youth_record_for_user(request.user, pk, write=True)
    pick = {
        "members": Member.objects.in_subtree(record.unit).active(),
        "member_url": reverse("members:member_picker", args=[record.unit_id]),
    }
    form = YouthRecordForm(request.POST or None, instance=record, **pick)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_youth_record(
                unit=record.unit,
                record=record,
                by=request.user,
                expected_updated_at=form.cleaned_data.get("version"),
                **form.record_fields(),
            )
        except StaleError as error:
            fresh = YouthRecord.objects.get(pk=record.pk)
            form = YouthRecordForm(_with_version(request, fresh.updated_at), instance=fresh, **pick)
            form.add_error(None, str(error))
        except MemberError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Đã lưu.")
            return redirect("members:youth_list", pk=record.unit_id)
    return render(request, "members/youthrecord_form.html", {"form": form, "unit": record.unit, "record": record})


def unit_stats(request, pk):
    """Members of a unit's subtree on a reporting date by gender, ethnicity, religion, age band and rating."""
    unit = get_unit_for_user(request.user, pk)
    today = timezone.localdate()
    dates = reporting_dates(today)
    form = StatsForm(request.GET or None)
    on = (form.is_valid() and form.cleaned_data.get("ngay")) or today
    rating_year = (form.is_valid() and form.cleaned_data.get("nam")) or current_rating_year(on)
    stats = unit_statistics(unit, on=min(on, today), today=today, rating_year=rating_year)
    if download := _report(request, partial(reports.statistics_table, stats, today=today)):
        return download
    return render(request, "members/member_stats.html", {"unit": unit, "stats": stats, "form": form, "dates": dates})
