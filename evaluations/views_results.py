"""Results, calibration and printed forms of the yearly cycle: fetch and authorise, build the context, render."""

from django.http import Http404, HttpResponse
from django.shortcuts import render

from . import exports, permissions, results
from .models import Registration


def _download(content: bytes, content_type: str, filename: str, *, inline=False) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


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
    context = results.results_page_context(request.user, campaign, request.GET)
    return render(request, "evaluations/results.html", context)


def results_xlsx(request, pk):
    campaign = permissions.get_campaign_for_user(request.user, pk)
    context = results.user_results_export_context(request.user, campaign, request.GET)
    return _download(exports.results_xlsx(context), exports.XLSX_CONTENT_TYPE, f"ket-qua-{campaign.year}.xlsx")


def evaluation_pdf(request, pk):
    """One unit's evaluation sheet as PDF: final once approved, marked "DỰ THẢO" before."""
    assessment = permissions.get_assessment_for_user(request.user, pk)
    context = results.evaluation_pdf_context(assessment)
    filename = f"phieu-danh-gia-{assessment.campaign.year}-{assessment.unit.code.lower()}.pdf"
    return _download(exports.evaluation_pdf(context), "application/pdf", filename, inline=True)


def registration_pdf(request, pk, unit_pk):
    """A unit's registration form as PDF: marked "DỰ THẢO" until the superior accepts it."""
    campaign = permissions.get_campaign_for_user(request.user, pk)
    unit = permissions.get_form_unit_for_user(request.user, campaign, unit_pk)
    registration = Registration.objects.filter(campaign=campaign, unit=unit).select_related("campaign", "unit").first()
    if registration is None:
        raise Http404("Đơn vị chưa lập bản đăng ký năm này.")
    context = results.registration_pdf_context(registration)
    filename = f"dang-ky-{campaign.year}-{unit.code.lower()}.pdf"
    return _download(exports.registration_pdf(context), "application/pdf", filename, inline=True)


def calibration(request, pk):
    """The province compares its reviewing units: mean difference review − self, spread, outliers."""
    campaign = _calibration_campaign(request.user, pk)
    return render(request, "evaluations/calibration.html", results.calibration_context(campaign))


def calibration_xlsx(request, pk):
    campaign = _calibration_campaign(request.user, pk)
    content = exports.calibration_xlsx(results.calibration_context(campaign))
    return _download(content, exports.XLSX_CONTENT_TYPE, f"doi-chieu-tham-dinh-{campaign.year}.xlsx")
