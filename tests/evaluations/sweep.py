"""URLs of the yearly cycle for the sibling-district sweep (tests/test_url_sweep.py), with who may see each.

Forms, sheets, answers and evidence belong to Krông Pắc's communes: Ea Phê keeps a draft sheet (its own
answers and evidence), Ea Kênh has sent its sheet (the review pages). A year (campaign) is read by the whole
province, so the campaign URLs use a year of another province's tree, which only the system administrator sees.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from branches.models import Role, Unit, UnitType
from evaluations.cycle import services
from evaluations.models import Campaign
from tests.conftest import make_unit, make_user

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
TWO_IDS = ("registration", "registration_decide", "extension_create", "assessment")


def _campaign(organiser, by):
    existing = Campaign.objects.filter(organiser=organiser).first()
    if existing:
        return existing
    today = datetime.date.today()
    return services.open_campaign(
        organiser=organiser,
        year=today.year,
        by=by,
        registration_due=today + datetime.timedelta(days=30),
        self_assessment_due=today + datetime.timedelta(days=60),
        review_due=today + datetime.timedelta(days=90),
    )


def _other_province(world):
    """A year and a commune of Tỉnh đoàn Phú Yên (made once per world)."""
    commune = Unit.objects.filter(code="PY-HOAXUAN").first()
    if commune is None:
        root = make_unit(None, "PY", "Tỉnh đoàn Phú Yên", UnitType.PROVINCE)
        commune = make_unit(root, "PY-HOAXUAN", "Đoàn xã Hòa Xuân", UnitType.GRASSROOTS)
    root = Unit.objects.get(code="PY")
    return _campaign(root, world.admin), commune


def _sent_sheet(world, campaign):
    secretary = make_user("bithu.eakenh", world.units.eakenh, Role.GRASSROOTS_SECRETARY)
    sheet = services.start_assessment(campaign=campaign, unit=world.units.eakenh, by=secretary)
    for answer in sheet.answers.all():
        value = "dat" if answer.is_check else str(answer.max_points)
        services.save_self_answer(answer=answer, by=secretary, value=value)
    return services.submit_assessment(assessment=sheet, by=secretary, today=datetime.date.today())


def sweep_urls(world) -> list[tuple[str, str]]:
    campaign = _campaign(world.units.province, world.province)
    other, _ = _other_province(world)
    eaphe = world.units.eaphe
    services.start_registration(campaign=campaign, unit=eaphe, by=world.secretary)
    draft = services.start_assessment(campaign=campaign, unit=eaphe, by=world.secretary)
    answer = draft.answers.first()
    evidence = services.add_attachment(
        answer=answer, by=world.secretary, uploaded=SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf")
    )
    sent = _sent_sheet(world, campaign)
    sent_answer = sent.answers.first()

    def url(name, *args):
        return reverse(f"evaluations:{name}", args=args)

    return [
        (url("campaign_detail", other.pk), "admin"),
        (url("campaign_edit", other.pk), "admin"),
        (url("campaign_status", other.pk), "admin"),
        (url("registration", campaign.pk, eaphe.pk), "secretary"),
        (url("registration_decide", campaign.pk, eaphe.pk), "kp_officer"),
        (url("extension_create", campaign.pk, eaphe.pk), "kp_officer"),
        (url("assessment", campaign.pk, eaphe.pk), "secretary"),
        (url("assessment_submit", draft.pk), "secretary"),
        (url("answer_save", answer.pk), "secretary"),
        (url("attachment_upload", answer.pk), "secretary"),
        (url("attachment", evidence.pk), "secretary"),
        (url("attachment_remove", evidence.pk), "secretary"),
        (url("review", sent.pk), "kp_officer"),
        (url("review_decide", sent.pk), "kp_officer"),
        (url("review_answer_save", sent_answer.pk), "kp_officer"),
    ]


def mixed_urls(world) -> list[tuple[str, str, str]]:
    """A year of Đắk Lắk with a commune of Phú Yên: the unit must belong to the year's tree, even for the system
    administrator, who sees both."""
    campaign = _campaign(world.units.province, world.province)
    _, foreign = _other_province(world)
    return [
        (
            "admin",
            reverse(f"evaluations:{name}", args=[campaign.pk, world.units.eaphe.pk]),
            reverse(f"evaluations:{name}", args=[campaign.pk, foreign.pk]),
        )
        for name in TWO_IDS
    ]
