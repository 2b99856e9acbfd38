"""Pages of the criteria catalogue: sets, their drafts, publishing, printing, and local items."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from branches.models import Unit
from branches.permissions import get_unit_for_user
from common.downloads import pdf_attachment, xlsx_attachment
from common.locking import with_version

from . import contexts, exports, permissions, services
from .forms import CriteriaSetForm, GroupForm, ItemForm, LevelForm, LocalItemForm
from .models import CriteriaGroup, CriteriaSet, ResultLevel
from .services import CriteriaError, StaleEditError
from .specs import load_set

require_GET_POST = require_http_methods(["GET", "POST"])


def set_list(request):
    sets = CriteriaSet.objects.all() if permissions.can_edit_criteria(request.user) else CriteriaSet.objects.readable()
    context = {"sets": sets.select_related("based_on"), "can_edit": permissions.can_edit_criteria(request.user)}
    return render(request, "criteria/set_list.html", context)


def set_detail(request, pk):
    criteria_set = permissions.get_set_for_user(request.user, pk)
    context = {
        **contexts.set_page_context(load_set(criteria_set.pk), user=request.user),
        "can_edit": permissions.can_edit_criteria(request.user),
        "local_sections": contexts.local_sections_for_user(request.user, criteria_set),
    }
    return render(request, "criteria/set_detail.html", context)


def _draft_for_edit(request, criteria_set):
    """None when the set may be edited; otherwise a redirect telling the user to copy it."""
    if criteria_set.is_draft:
        return None
    messages.error(request, services.FROZEN_MESSAGE)
    return redirect(criteria_set)


def _edit_record(request, *, record, form_class, save, template, context, success_url, form_kwargs=None):
    """The edit-form round trip shared by every record: validate, one service call, keep input on refusal."""
    form_kwargs = form_kwargs or {}
    current = None
    if request.method == "POST":
        form = form_class(request.POST, instance=record, **form_kwargs)
        if form.is_valid():
            try:
                save(form)
            except StaleEditError as error:
                # Keep what the user typed, show what is saved now, and let a second save go through.
                current = type(record)._base_manager.get(pk=record.pk)
                form = form_class(with_version(request.POST, current), instance=current, **form_kwargs)
                form.is_valid()
                form.add_error(None, error.message)
            except CriteriaError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, "Đã lưu.")
                return redirect(success_url)
    else:
        form = form_class(instance=record, **form_kwargs)
    return render(request, template, {**context, "form": form, "current": current})


@require_GET_POST
def set_edit(request, pk):
    criteria_set = permissions.get_set_for_user(request.user, pk, edit=True)
    if refusal := _draft_for_edit(request, criteria_set):
        return refusal
    return _edit_record(
        request,
        record=criteria_set,
        form_class=CriteriaSetForm,
        save=lambda form: services.update_set(
            criteria_set=criteria_set, by=request.user, expected_version=form.cleaned_data["version"], **form.changes()
        ),
        template="criteria/set_form.html",
        context={"criteria_set": criteria_set, "heading": "Sửa thông tin bộ tiêu chí"},
        success_url=criteria_set.get_absolute_url(),
    )


@require_GET_POST
def group_edit(request, pk, number):
    criteria_set = permissions.get_set_for_user(request.user, pk, edit=True)
    group = _group_or_404(criteria_set, number)
    if refusal := _draft_for_edit(request, criteria_set):
        return refusal
    return _edit_record(
        request,
        record=group,
        form_class=GroupForm,
        save=lambda form: services.update_group(
            group=group, by=request.user, expected_version=form.cleaned_data["version"], **form.changes()
        ),
        template="criteria/set_form.html",
        context={"criteria_set": criteria_set, "heading": f"Sửa nhóm {group.number}"},
        success_url=criteria_set.get_absolute_url() + f"#nhom-{group.number}",
    )


def _group_or_404(criteria_set, number) -> CriteriaGroup:
    try:
        return criteria_set.groups.get(number=number)
    except CriteriaGroup.DoesNotExist:
        raise Http404("Không tìm thấy nhóm tiêu chí.") from None


@require_GET_POST
def item_create(request, pk, number):
    criteria_set = permissions.get_set_for_user(request.user, pk, edit=True)
    group = _group_or_404(criteria_set, number)
    if refusal := _draft_for_edit(request, criteria_set):
        return refusal
    return _edit_record(
        request,
        record=None,
        form_class=ItemForm,
        save=lambda form: services.add_item(group=group, by=request.user, **form.changes()),
        template="criteria/set_form.html",
        context={"criteria_set": criteria_set, "heading": f"Thêm tiêu chí vào nhóm {group.number}"},
        success_url=criteria_set.get_absolute_url() + f"#nhom-{group.number}",
    )


@require_GET_POST
def item_edit(request, pk):
    item = permissions.get_item_for_user(request.user, pk, edit=True)
    criteria_set = item.group.criteria_set
    if refusal := _draft_for_edit(request, criteria_set):
        return refusal
    return _edit_record(
        request,
        record=item,
        form_class=ItemForm,
        save=lambda form: services.update_item(
            item=item, by=request.user, expected_version=form.cleaned_data["version"], **form.changes()
        ),
        template="criteria/set_form.html",
        context={"criteria_set": criteria_set, "heading": f"Sửa tiêu chí {item.code}"},
        success_url=criteria_set.get_absolute_url() + f"#tieu-chi-{item.pk}",
    )


def _run(request, action, success: str, fallback_url):
    """Run one service call from a POST-only view, turning a refusal into an error message."""
    try:
        result = action()
    except CriteriaError as error:
        messages.error(request, " ".join([error.message, *error.details]))
        return None
    messages.success(request, success)
    return result or fallback_url


@require_POST
def item_remove(request, pk):
    item = permissions.get_item_for_user(request.user, pk, edit=True)
    criteria_set = item.group.criteria_set
    _run(request, lambda: services.remove_item(item=item, by=request.user), f"Đã bỏ tiêu chí {item.code}.", None)
    return redirect(criteria_set.get_absolute_url() + f"#nhom-{item.group.number}")


@require_POST
def item_move(request, pk, direction):
    item = permissions.get_item_for_user(request.user, pk, edit=True)
    if direction not in ("len", "xuong"):
        raise Http404
    _run(
        request,
        lambda: services.move_item(item=item, by=request.user, up=direction == "len"),
        f"Đã đổi thứ tự tiêu chí {item.code}.",
        None,
    )
    return redirect(item.group.criteria_set.get_absolute_url() + f"#tieu-chi-{item.pk}")


def _level_or_404(criteria_set, level_pk) -> ResultLevel:
    try:
        return criteria_set.levels.get(pk=level_pk)
    except (ResultLevel.DoesNotExist, ValueError):
        raise Http404("Không tìm thấy mức kết quả.") from None


@require_GET_POST
def level_create(request, pk):
    criteria_set = permissions.get_set_for_user(request.user, pk, edit=True)
    if refusal := _draft_for_edit(request, criteria_set):
        return refusal
    return _edit_record(
        request,
        record=None,
        form_class=LevelForm,
        save=lambda form: services.add_level(criteria_set=criteria_set, by=request.user, **form.changes()),
        template="criteria/set_form.html",
        context={"criteria_set": criteria_set, "heading": "Thêm mức kết quả"},
        success_url=criteria_set.get_absolute_url() + "#muc-ket-qua",
    )


@require_GET_POST
def level_edit(request, pk, level_pk):
    criteria_set = permissions.get_set_for_user(request.user, pk, edit=True)
    level = _level_or_404(criteria_set, level_pk)
    if refusal := _draft_for_edit(request, criteria_set):
        return refusal
    return _edit_record(
        request,
        record=level,
        form_class=LevelForm,
        save=lambda form: services.update_level(
            level=level, by=request.user, expected_version=form.cleaned_data["version"], **form.changes()
        ),
        template="criteria/set_form.html",
        context={"criteria_set": criteria_set, "heading": f"Sửa mức “{level.short_name}”"},
        success_url=criteria_set.get_absolute_url() + "#muc-ket-qua",
    )


@require_POST
def level_remove(request, pk, level_pk):
    criteria_set = permissions.get_set_for_user(request.user, pk, edit=True)
    level = _level_or_404(criteria_set, level_pk)
    _run(request, lambda: services.remove_level(level=level, by=request.user), f"Đã bỏ mức {level.short_name}.", None)
    return redirect(criteria_set.get_absolute_url() + "#muc-ket-qua")


@require_GET_POST
def set_publish(request, pk):
    """Publishing cannot be undone: GET shows what changes against the version in force, POST publishes."""
    criteria_set = permissions.get_set_for_user(request.user, pk, edit=True)
    if not criteria_set.is_draft:
        messages.error(request, services.FROZEN_MESSAGE)
        return redirect(criteria_set)
    if request.method == "GET":
        return render(request, "criteria/set_publish.html", contexts.publish_context(load_set(criteria_set.pk)))
    try:
        services.publish_set(criteria_set=criteria_set, by=request.user)
    except CriteriaError as error:
        context = {**contexts.publish_context(load_set(criteria_set.pk)), "publish_error": error}
        return render(request, "criteria/set_publish.html", context, status=400)
    messages.success(request, "Đã công bố bộ tiêu chí. Từ nay bộ tiêu chí này không sửa được nữa.")
    return redirect(criteria_set)


@require_POST
def set_copy(request, pk):
    criteria_set = permissions.get_set_for_user(request.user, pk, edit=True)
    copy = _run(
        request,
        lambda: services.copy_set(criteria_set=criteria_set, by=request.user),
        "Đã tạo bản nháp mới. Sửa xong hãy bấm “Công bố”.",
        criteria_set,
    )
    return redirect(copy or criteria_set)


@require_POST
def set_archive(request, pk):
    criteria_set = permissions.get_set_for_user(request.user, pk, edit=True)
    _run(request, lambda: services.archive_set(criteria_set=criteria_set, by=request.user), "Đã lưu trữ.", None)
    return redirect(criteria_set)


def set_pdf(request, pk):
    criteria_set = permissions.get_set_for_user(request.user, pk)
    context = contexts.document_context(load_set(criteria_set.pk), issuer=_issuer_for(request.user))
    return pdf_attachment(exports.criteria_set_pdf(context), f"{_file_stem(criteria_set)}.pdf")


def set_xlsx(request, pk):
    criteria_set = permissions.get_set_for_user(request.user, pk)
    context = contexts.document_context(load_set(criteria_set.pk), issuer=_issuer_for(request.user))
    return xlsx_attachment(exports.criteria_set_xlsx(context), f"{_file_stem(criteria_set)}.xlsx")


def _issuer_for(user):
    """The provincial unit that issues the printed set: the root of the user's own tree."""
    units = Unit.objects.visible_to(user).order_by("depth", "path")
    first = units.first()
    return None if first is None else Unit.objects.get_root(first)


def _file_stem(criteria_set) -> str:
    suffix = f"-v{criteria_set.version}" if criteria_set.version > 1 else ""
    return f"bo-tieu-chi-{criteria_set.code.lower()}{suffix}"


# --- local items ------------------------------------------------------------------------------------------


def _local_years(today: datetime.date) -> list[int]:
    """Years a local item may be added for: this year and next year, when a published set covers them."""
    years = [today.year, today.year + 1]
    return [year for year in years if services.set_in_force(year)]


def local_items(request, unit_pk):
    unit = get_unit_for_user(request.user, unit_pk)
    context = contexts.local_items_context(unit, user=request.user, year=request.GET.get("nam"))
    return render(request, "criteria/localitem_list.html", context)


@require_GET_POST
def local_item_create(request, unit_pk):
    unit = get_unit_for_user(request.user, unit_pk)
    if not permissions.can_manage_local_items(request.user, unit):
        raise PermissionDenied("Bạn không có quyền thêm tiêu chí địa phương cho đơn vị này.")
    return _edit_record(
        request,
        record=None,
        form_class=LocalItemForm,
        form_kwargs={"years": _local_years(timezone.localdate())},
        save=lambda form: services.add_local_item(unit=unit, by=request.user, **form.changes()),
        template="criteria/localitem_form.html",
        context={"unit": unit, "heading": "Thêm tiêu chí địa phương"},
        success_url=reverse("criteria:local_items", args=[unit.pk]),
    )


@require_GET_POST
def local_item_edit(request, pk):
    item = permissions.get_local_item_for_user(request.user, pk, manage=True)
    return _edit_record(
        request,
        record=item,
        form_class=LocalItemForm,
        save=lambda form: services.update_local_item(
            item=item, by=request.user, expected_version=form.cleaned_data["version"], **form.changes()
        ),
        template="criteria/localitem_form.html",
        context={"unit": item.unit, "heading": f"Sửa tiêu chí địa phương {item.code} (năm {item.year})"},
        success_url=item.get_absolute_url(),
    )


@require_POST
def local_item_remove(request, pk):
    item = permissions.get_local_item_for_user(request.user, pk, manage=True)
    _run(request, lambda: services.remove_local_item(item=item, by=request.user), f"Đã bỏ tiêu chí {item.code}.", None)
    return redirect(item.get_absolute_url())
