"""URLs of the yearly cycle that a sibling-district officer (world.outsider) must get 404 on.

Forms, sheets, answers and evidence belong to Đoàn xã Ea Phê (Krông Pắc). A year (campaign) is read by the
whole province, so the campaign URLs use a year of another province's tree, which the outsider cannot see.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from branches.models import UnitType
from evaluations import services
from tests.conftest import make_unit

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _campaign(organiser, by):
    today = datetime.date.today()
    return services.open_campaign(
        organiser=organiser,
        year=today.year,
        by=by,
        registration_due=today + datetime.timedelta(days=30),
        self_assessment_due=today + datetime.timedelta(days=60),
        review_due=today + datetime.timedelta(days=90),
    )


def sweep_urls(world) -> list[str]:
    from django.contrib.auth import get_user_model

    campaign = _campaign(world.units.province, world.province)
    other_root = make_unit(None, "PY", "Tỉnh đoàn Phú Yên", UnitType.PROVINCE)
    other = _campaign(other_root, get_user_model().objects.get(username="quantri"))
    eaphe = world.units.eaphe
    services.start_registration(campaign=campaign, unit=eaphe, by=world.secretary)
    sheet = services.start_assessment(campaign=campaign, unit=eaphe, by=world.secretary)
    answer = sheet.answers.first()
    evidence = services.add_attachment(
        answer=answer, by=world.secretary, uploaded=SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf")
    )
    unit_form = [campaign.pk, eaphe.pk]
    return [
        *(
            reverse(f"evaluations:{name}", args=[other.pk])
            for name in ("campaign_detail", "campaign_edit", "campaign_status")
        ),
        *(
            reverse(f"evaluations:{name}", args=unit_form)
            for name in ("registration", "registration_decide", "extension_create", "assessment")
        ),
        *(reverse(f"evaluations:{name}", args=[sheet.pk]) for name in ("assessment_submit", "review", "review_decide")),
        *(
            reverse(f"evaluations:{name}", args=[answer.pk])
            for name in ("answer_save", "review_answer_save", "attachment_upload")
        ),
        *(reverse(f"evaluations:{name}", args=[evidence.pk]) for name in ("attachment", "attachment_remove")),
    ]
