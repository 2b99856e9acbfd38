"""Results, calibration, printed forms and dashboards of a year: fetch and authorise, build the context, render."""

from django.http import Http404
from django.shortcuts import redirect, render

from common.downloads import inline_pdf, xlsx_attachment
from evaluations.cycle import permissions
from evaluations.cycle.models import Registration

from . import contexts, dashboard, documents, exports, navigation


def _calibration_campaign(user, pk):
    """The campaign, if the user compares its reviewers; 404 otherwise (another district's reviews are not theirs
    to see, and a district officer has no province-wide scope)."""
    campaign = permissions.get_campaign_for_user(user, pk)
    if not permissions.can_see_calibration(user, campaign.organiser):
        raise Http404("Không tìm thấy trang đối chiếu.")
    return campaign


def results_page(request, pk):
    """The results table of a year in the user's scope, filtered."""
    campaign = permissions.get_campaign_for_user(request.user, pk)
    context = contexts.results_page_context(request.user, campaign, request.GET)
    return render(request, "evaluations/results.html", context)


def results_xlsx(request, pk):
    campaign = permissions.get_campaign_for_user(request.user, pk)
    context = contexts.user_results_export_context(request.user, campaign, request.GET)
    return xlsx_attachment(exports.results_xlsx(context), f"ket-qua-{campaign.year}.xlsx")


def evaluation_pdf(request, pk):
    """One unit's evaluation sheet as PDF: final once approved, marked "DỰ THẢO" before."""
    assessment = permissions.get_assessment_for_user(request.user, pk)
    context = documents.evaluation_pdf_context(assessment)
    filename = f"phieu-danh-gia-{assessment.campaign.year}-{assessment.unit.code.lower()}.pdf"
    return inline_pdf(exports.evaluation_pdf(context), filename)


def registration_pdf(request, pk, unit_pk):
    """A unit's registration form as PDF: marked "DỰ THẢO" until the superior accepts it."""
    campaign = permissions.get_campaign_for_user(request.user, pk)
    unit = permissions.get_form_unit_for_user(request.user, campaign, unit_pk)
    registration = Registration.objects.filter(campaign=campaign, unit=unit).select_related("campaign", "unit").first()
    if registration is None:
        raise Http404("Đơn vị chưa lập bản đăng ký năm này.")
    context = documents.registration_pdf_context(registration)
    filename = f"dang-ky-{campaign.year}-{unit.code.lower()}.pdf"
    return inline_pdf(exports.registration_pdf(context), filename)


def calibration(request, pk):
    """The province compares its reviewing units: mean difference review − self, spread, outliers."""
    campaign = _calibration_campaign(request.user, pk)
    return render(request, "evaluations/calibration.html", contexts.calibration_context(campaign))


def calibration_xlsx(request, pk):
    campaign = _calibration_campaign(request.user, pk)
    content = exports.calibration_xlsx(contexts.calibration_context(campaign))
    return xlsx_attachment(content, f"doi-chieu-tham-dinh-{campaign.year}.xlsx")


def _scope_unit(user, campaign):
    """The user's default dashboard unit (404 when they have none, e.g. a grassroots secretary)."""
    scope = navigation.dashboard_scope(user, campaign)
    if scope is None:
        raise Http404("Không có trang tổng quan cho tài khoản này.")
    return scope


def latest(request):
    """The dashboard of the latest year the user sees (the navigation links the page itself; this stays for links
    kept from before)."""
    campaign = navigation.latest_campaign(request.user)
    if campaign is None:
        raise Http404("Chưa có năm đánh giá nào.")
    return redirect("evaluations:dashboard", pk=campaign.pk)


def entry(request, pk):
    campaign = permissions.get_campaign_for_user(request.user, pk)
    return redirect("evaluations:dashboard_unit", pk=campaign.pk, unit_pk=_scope_unit(request.user, campaign).pk)


def _context(request, pk, unit_pk) -> dict:
    campaign = permissions.get_campaign_for_user(request.user, pk)
    scope = contexts.get_district_for_user(request.user, campaign, unit_pk)
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
    return inline_pdf(exports.dashboard_pdf(context), filename)
