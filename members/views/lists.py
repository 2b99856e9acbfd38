"""A unit's lists and the records on them: the year's rating sheet, Party introductions, youth lists and
statistics; each list also downloads as Excel or a print page."""

import datetime
from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from branches.models import Unit
from branches.permissions import get_unit_for_user
from common.downloads import xlsx_attachment
from common.locking import with_version
from members import permissions, reports, services
from members.errors import MemberError, StaleError
from members.forms import (
    PartyIntroductionForm,
    PartyOutcomeForm,
    RatingSheetForm,
    StatsForm,
    YouthRecordForm,
)
from members.models import (
    Member,
    MemberRating,
    MemberStatus,
    PartyIntroduction,
    YouthCategory,
    YouthRecord,
    current_rating_year,
)
from members.services import is_roll_unit
from members.statistics import reporting_dates, unit_statistics


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


def _year(request, *, default: int) -> int:
    try:
        year = int(request.GET.get("nam", default))
    except ValueError:
        return default
    return year if 2000 <= year <= 2100 else default


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
        .in_subtree(unit)
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
    records = YouthRecord.objects.in_subtree(unit).select_related("unit", "member")
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
                expected_version=form.cleaned_data.get("version"),
                **form.record_fields(),
            )
        except StaleError as error:
            fresh = YouthRecord.objects.get(pk=record.pk)
            form = YouthRecordForm(with_version(request.POST, fresh), instance=fresh, **pick)
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
