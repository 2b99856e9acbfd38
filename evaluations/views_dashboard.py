"""Dashboards of a year: the province's and each district-level unit's (scope-checked), their Excel and PDF."""

from django.http import Http404
from django.shortcuts import redirect, render

from branches.models import SUPERIOR_TYPES, user_assignments
from common.downloads import attachment, xlsx_attachment

from . import dashboard, exports, permissions, results
from .models import Campaign


def _scope_unit(user, campaign):
    """The unit whose dashboard the user opens by default: the province for its officers, else their own
    reviewing unit in the campaign's tree (404 when they have none, e.g. a grassroots secretary)."""
    if permissions.can_see_calibration(user, campaign.organiser):
        return campaign.organiser
    units = [
        a.unit
        for a in user_assignments(user)
        if a.unit.unit_type in SUPERIOR_TYPES and a.unit.path.startswith(campaign.organiser.path)
    ]
    if not units:
        raise Http404("Không có trang tổng quan cho tài khoản này.")
    return min(units, key=lambda unit: (unit.depth, unit.path))


def latest(request):
    """The navigation's entry: the dashboard of the latest year the user sees."""
    campaign = Campaign.objects.visible_to(request.user).order_by("-year").first()
    if campaign is None:
        raise Http404("Chưa có năm đánh giá nào.")
    return redirect("evaluations:dashboard", pk=campaign.pk)


def entry(request, pk):
    campaign = permissions.get_campaign_for_user(request.user, pk)
    return redirect("evaluations:dashboard_unit", pk=campaign.pk, unit_pk=_scope_unit(request.user, campaign).pk)


def _context(request, pk, unit_pk) -> dict:
    campaign = permissions.get_campaign_for_user(request.user, pk)
    scope = results.get_district_for_user(request.user, campaign, unit_pk)
    return dashboard.dashboard_context(campaign, scope)


def dashboard_page(request, pk, unit_pk):
    return render(request, "evaluations/dashboard.html", _context(request, pk, unit_pk))


def dashboard_xlsx(request, pk, unit_pk):
    context = _context(request, pk, unit_pk)
    filename = f"tong-quan-{context['campaign'].year}-{context['scope'].code.lower()}.xlsx"
    return xlsx_attachment(exports.dashboard_xlsx(context), filename)


def dashboard_pdf(request, pk, unit_pk):
    context = _context(request, pk, unit_pk)
    filename = f"tong-quan-{context['campaign'].year}-{context['scope'].code.lower()}.pdf"
    response = attachment(exports.dashboard_pdf(context), "application/pdf", filename)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
