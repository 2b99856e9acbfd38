"""Pages of the organisation tree: home, unit page, search, tree changes, history, accounts, terms."""

import datetime

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.db.models.functions import Substr
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from common.history import history_rows
from common.pickers import picker_response

from . import permissions, services
from .checks import dissolve_blockers
from .forms import AccountForm, DissolveUnitForm, MoveUnitForm, ResetPasswordForm, TermForm, UnitForm, unit_label
from .models import (
    ALLOWED_CHILD_TYPES,
    GRASSROOTS_TYPES,
    ROLE_UNIT_TYPES,
    Role,
    RoleAssignment,
    Unit,
    UnitType,
    subtree_range,
    user_assignments,
)
from .panels import render_unit_panels
from .two_factor import services as two_factor

SEARCH_PAGE_SIZE = 50


def home(request):
    """Each user lands on the unit they work for; someone with several roles picks one."""
    assignments = user_assignments(request.user)
    if len(assignments) == 1:
        return redirect(assignments[0].unit)
    if not assignments and request.user.is_superuser:
        root = Unit.objects.get_root_nodes().first()
        if root:
            return redirect(root)
    return render(request, "branches/home.html", {"assignments": assignments})


def unit_detail(request, pk):
    unit = permissions.get_unit_for_user(request.user, pk)
    children = list(Unit.objects.children_of(unit).order_by("valid_to", "search_text"))
    counts = _subtree_counts(unit)
    for child in children:
        child.grassroots_count = counts[UnitType.GRASSROOTS].get(child.path, 0)
        child.branch_count = counts[UnitType.BRANCH].get(child.path, 0)
    superior = unit.reviewing_superior() if unit.is_grassroots else None
    context = {
        "unit": unit,
        "children": children,
        "superior": superior,
        "superior_visible": superior is not None and permissions.can_view_unit(request.user, superior),
        "grassroots_total": sum(counts[UnitType.GRASSROOTS].values()) + (1 if unit.is_grassroots else 0),
        "branch_total": sum(counts[UnitType.BRANCH].values()),
        "show_grassroots_column": any(child.is_superior_type for child in children),
        "terms": unit.terms.all() if unit.depth == 1 else [],
        "can_manage": permissions.can_manage_unit(request.user, unit),
        "can_move": permissions.can_move_unit(request.user, unit),
        "can_add_child": permissions.can_add_child(request.user, unit),
        "can_manage_accounts": permissions.can_manage_accounts(request.user, unit),
        "dissolved": unit.is_dissolved(),
        "panels": render_unit_panels(request, unit),
    }
    return render(request, "branches/unit_detail.html", context)


def _subtree_counts(unit) -> dict[str, dict[str, int]]:
    """Grassroots units and chi đoàn below each child of `unit` (keyed by the child's path), in one query.

    Chi đoàn cơ sở count as grassroots; a chi đoàn counts itself when it is the child.
    """
    prefix_length = (unit.depth + 1) * Unit.steplen
    rows = (
        Unit.objects.descendants_of(unit)
        .filter(unit_type__in=[*GRASSROOTS_TYPES, UnitType.BRANCH])
        .annotate(child_path=Substr("path", 1, prefix_length))
        .order_by()
        .values("child_path", "unit_type")
        .annotate(n=Count("pk"))
    )
    counts: dict[str, dict[str, int]] = {UnitType.GRASSROOTS: {}, UnitType.BRANCH: {}}
    for row in rows:
        kind = UnitType.BRANCH if row["unit_type"] == UnitType.BRANCH else UnitType.GRASSROOTS
        counts[kind][row["child_path"]] = counts[kind].get(row["child_path"], 0) + row["n"]
    return counts


def unit_search(request):
    """Find units in the user's scope (optionally under one unit) whatever the accents and case."""
    query = request.GET.get("q", "").strip()
    within = None
    units = Unit.objects.visible_to(request.user)
    if request.GET.get("trong"):
        within = permissions.get_unit_for_user(request.user, request.GET["trong"])
        units = units.descendants_of(within, include_self=True)
    page = None
    if query:
        units = units.search(query).order_by("depth", "search_text")
        page = Paginator(units, SEARCH_PAGE_SIZE).get_page(request.GET.get("trang"))
        _attach_parent_names(page.object_list)
    return render(request, "branches/unit_search.html", {"query": query, "within": within, "page": page})


def _attach_parent_names(units):
    """Label each result with its ancestors' names, fetched together in one query."""
    units = list(units)
    paths = {p for u in units for p in u.ancestor_paths()}
    names = dict(Unit.objects.filter(path__in=paths).values_list("path", "name"))
    for u in units:
        u.lineage = " › ".join(names[p] for p in u.ancestor_paths() if p in names)


def unit_create(request, pk):
    parent = permissions.get_unit_for_user(request.user, pk)
    if not permissions.can_add_child(request.user, parent):
        raise permissions.PermissionDenied("Bạn không thể thêm đơn vị trực thuộc đơn vị này.")
    form = UnitForm(request.POST or None, parent=parent)
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.create_unit(parent=parent, by=request.user, **form.unit_fields())
        except services.UnitError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Đã thêm đơn vị “{unit.name}”.")
            return redirect(unit)
    return render(request, "branches/unit_form.html", {"form": form, "unit": parent, "creating": True})


def unit_edit(request, pk):
    unit = permissions.get_unit_for_user(request.user, pk, manage=True)
    if unit.is_dissolved():
        messages.error(request, "Đơn vị đã giải thể nên chỉ được xem, không được sửa.")
        return redirect(unit)
    form = UnitForm(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_unit(
                unit=unit,
                by=request.user,
                expected_version=form.cleaned_data.get("version") or None,
                **form.unit_fields(),
            )
        except services.UnitError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Đã lưu thông tin đơn vị.")
            return redirect(unit)
    return render(request, "branches/unit_form.html", {"form": form, "unit": unit, "creating": False})


def unit_move(request, pk):
    unit = _movable_unit(request.user, pk)
    url = reverse("branches:unit_move_picker", args=[unit.pk])
    form = MoveUnitForm(request.POST or None, candidates=_new_parent_candidates(request.user, unit), url=url)
    if request.method == "POST" and form.is_valid():
        try:
            services.move_unit(unit=unit, new_parent=form.cleaned_data["new_parent"], by=request.user)
        except services.UnitError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Đã chuyển “{unit.name}” sang “{form.cleaned_data['new_parent'].name}”.")
            return redirect(unit)
    return render(request, "branches/unit_move.html", {"form": form, "unit": unit})


def unit_move_picker(request, pk):
    """A picker's answers: the units `pk` may move under, whose name or code holds every typed word."""
    unit = _movable_unit(request.user, pk)
    return _unit_answers(request, _new_parent_candidates(request.user, unit))


def unit_dissolve(request, pk):
    unit = _movable_unit(request.user, pk, "Bạn không có quyền giải thể đơn vị này.")
    if unit.is_closing:
        messages.error(request, f"Đơn vị đã có quyết định giải thể từ ngày {unit.valid_to:%d/%m/%Y}.")
        return redirect(unit)
    url = reverse("branches:unit_successor_picker", args=[unit.pk])
    form = DissolveUnitForm(request.POST or None, candidates=_successor_candidates(request.user, unit), url=url)
    blockers = dissolve_blockers(unit)
    if request.method == "POST" and form.is_valid():
        try:
            services.dissolve_unit(
                unit=unit, by=request.user, on=form.cleaned_data["on"], successor=form.cleaned_data["successor"]
            )
        except services.UnitError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Đã ghi nhận giải thể “{unit.name}”. Dữ liệu của đơn vị vẫn được lưu giữ.")
            return redirect(unit)
    return render(request, "branches/unit_dissolve.html", {"form": form, "unit": unit, "blockers": blockers})


def unit_successor_picker(request, pk):
    """A picker's answers: the units that may take over `pk`, whose name or code holds every typed word."""
    unit = _movable_unit(request.user, pk, "Bạn không có quyền giải thể đơn vị này.")
    return _unit_answers(request, _successor_candidates(request.user, unit))


def _movable_unit(user, pk, refusal: str = "Bạn không có quyền chuyển đơn vị này."):
    unit = permissions.get_unit_for_user(user, pk)
    if not permissions.can_move_unit(user, unit):
        raise permissions.PermissionDenied(refusal)
    return unit


def _new_parent_candidates(user, unit):
    """Open units of the user's scope of a type that may hold `unit`, outside its own subtree."""
    parent_types = [t for t, kids in ALLOWED_CHILD_TYPES.items() if unit.unit_type in kids]
    return (
        Unit.objects.visible_to(user)
        .filter(unit_type__in=parent_types, valid_to__isnull=True)
        .exclude(valid_from__gt=datetime.date.today())
        .exclude(path__range=subtree_range(unit.path))
        .order_by("path")
    )


def _successor_candidates(user, unit):
    """Open units of the user's scope of the same type as `unit`, other than itself."""
    return (
        Unit.objects.visible_to(user).filter(unit_type=unit.unit_type, valid_to__isnull=True).exclude(pk=unit.pk)
    ).order_by("path")


def _unit_answers(request, candidates):
    query = request.GET.get("q", "").strip()[:100]
    return picker_response(candidates.search(query) if query else candidates.none(), unit_label)


def unit_history(request, pk):
    unit = permissions.get_unit_for_user(request.user, pk)
    records = list(unit.history.select_related("history_user").order_by("-history_date", "-history_id")[:200])
    successors = dict(Unit.objects.filter(pk__in={r.successor_id for r in records}).values_list("pk", "name"))
    rows = history_rows(records, Unit, names={"successor": successors})
    return render(request, "branches/unit_history.html", {"unit": unit, "rows": rows})


def unit_accounts(request, pk):
    unit = permissions.get_unit_for_user(request.user, pk)
    if not permissions.can_manage_accounts(request.user, unit):
        raise permissions.PermissionDenied("Bạn không có quyền quản lý tài khoản của đơn vị này.")
    roles = [
        r
        for r in Role
        if unit.unit_type in ROLE_UNIT_TYPES[r] and permissions.can_administer_role(request.user, unit, r)
    ]
    secretaries = services.active_secretaries(unit) if Role.GRASSROOTS_SECRETARY in roles else []
    form = AccountForm(request.POST or None, roles=roles, current_secretaries=secretaries) if roles else None
    if request.method == "POST" and form is None:
        raise permissions.PermissionDenied("Bạn không thể tạo tài khoản cho đơn vị này.")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.create_account(
                unit=unit,
                by=request.user,
                username=data["username"],
                full_name=data["full_name"],
                email=data["email"],
                password=data["password1"],
                role=data["role"],
                current_secretary=data.get("current_secretary") or None,
            )
        except services.AccountError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Đã tạo tài khoản “{user.username}”.")
            return redirect("branches:unit_accounts", pk=unit.pk)
    assignments = list(
        RoleAssignment.objects.filter(unit=unit)
        .select_related("user", "created_by")
        .order_by("-is_active", "user__username")
    )
    with_two_factor = two_factor.users_with_two_factor({a.user_id for a in assignments})
    for assignment in assignments:
        # The row's buttons: this role is one the viewer could give (the reset page also weighs the user's other roles).
        assignment.administrable = permissions.can_administer_user(request.user, assignment.user, [assignment])
        assignment.has_two_factor = assignment.user_id in with_two_factor
        assignment.two_factor_resettable = assignment.has_two_factor and permissions.can_reset_two_factor(
            request.user, assignment.user, [assignment]
        )
    return render(request, "branches/unit_accounts.html", {"unit": unit, "form": form, "assignments": assignments})


def _account_for_user(request, pk, user_id):
    """(unit, target user, all the target's role assignments) for an account shown on `unit`'s accounts page."""
    unit = permissions.get_unit_for_user(request.user, pk)
    assignments = list(RoleAssignment.objects.filter(user_id=user_id).select_related("user", "unit"))
    if not any(a.unit_id == unit.pk for a in assignments):
        raise Http404("Không tìm thấy tài khoản.")
    return unit, assignments[0].user, assignments


def account_reset_password(request, pk, user_id):
    unit, target, assignments = _account_for_user(request, pk, user_id)
    if not permissions.can_administer_user(request.user, target, assignments):
        raise permissions.PermissionDenied("Bạn không thể đặt lại mật khẩu của tài khoản này.")
    form = ResetPasswordForm(request.POST or None, user=target)
    if request.method == "POST" and form.is_valid():
        try:
            services.reset_password(user=target, by=request.user, new_password=form.cleaned_data["password1"])
        except services.AccountError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Đã đặt lại mật khẩu cho “{target.username}”.")
            return redirect("branches:unit_accounts", pk=unit.pk)
    return render(request, "branches/account_reset_password.html", {"unit": unit, "target": target, "form": form})


@require_POST
def account_reset_two_factor(request, pk, user_id):
    """A system administrator removes an account's second factor (a lost phone); it is set up again at next sign-in."""
    unit, target, assignments = _account_for_user(request, pk, user_id)
    if not permissions.can_reset_two_factor(request.user, target, assignments):
        raise permissions.PermissionDenied("Bạn không thể xóa xác thực hai bước của tài khoản này.")
    try:
        two_factor.remove_two_factor(user=target, by=request.user)
    except two_factor.TwoFactorError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Đã xóa xác thực hai bước của “{target.username}”.")
    return redirect("branches:unit_accounts", pk=unit.pk)


@require_POST
def account_revoke(request, pk, assignment_id):
    return _switch_role(request, pk, assignment_id, services.revoke_role, "Đã thu hồi quyền. Tài khoản vẫn được lưu.")


@require_POST
def account_restore(request, pk, assignment_id):
    return _switch_role(request, pk, assignment_id, services.restore_role, "Đã khôi phục quyền.")


def _switch_role(request, pk, assignment_id, service, done_message):
    """Revoke or restore one role assignment of a unit the officer administers."""
    unit = permissions.get_unit_for_user(request.user, pk)
    assignment = get_object_or_404(RoleAssignment, unit=unit, pk=assignment_id)
    if not permissions.can_administer_role(request.user, unit, assignment.role):
        raise permissions.PermissionDenied("Bạn không có quyền thay đổi quyền này.")
    try:
        service(assignment=assignment, by=request.user)
    except services.AccountError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done_message)
    return redirect("branches:unit_accounts", pk=unit.pk)


def unit_terms(request, pk):
    unit = permissions.get_unit_for_user(request.user, pk)
    if unit.depth != 1:
        raise Http404("Nhiệm kỳ được ghi nhận ở đơn vị cấp tỉnh.")
    can_edit = permissions.can_manage_unit(request.user, unit)
    form = TermForm(request.POST or None) if can_edit else None
    if request.method == "POST":
        if not can_edit:
            raise permissions.PermissionDenied("Bạn không có quyền ghi nhận nhiệm kỳ.")
        if form.is_valid():
            try:
                services.create_term(unit=unit, by=request.user, **form.cleaned_data)
            except services.UnitError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Đã ghi nhận nhiệm kỳ.")
                return redirect("branches:unit_terms", pk=unit.pk)
    return render(request, "branches/unit_terms.html", {"unit": unit, "form": form, "terms": unit.terms.all()})
