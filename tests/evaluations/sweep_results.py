"""URLs of the results, calibration and printed forms that a sibling-district officer (world.outsider) must get 404 on.

The results and their Excel export are read by every officer for their own scope, so their sweep URL filters on
Huyện đoàn Krông Pắc; the calibration is the province's alone.
"""

from django.urls import reverse

from evaluations import services
from evaluations.models import Campaign

from .conftest import TODAY


def sweep_urls(world) -> list[str]:
    u = world.units
    # Another sweep module of this app may have opened the year already: share it.
    campaign = Campaign.objects.filter(organiser=u.province).first() or services.open_campaign(
        organiser=u.province,
        year=TODAY.year,
        by=world.province,
        registration_due=TODAY,
        self_assessment_due=TODAY,
        review_due=TODAY,
    )
    services.start_registration(campaign=campaign, unit=u.eaphe, by=world.secretary)
    assessment = services.start_assessment(campaign=campaign, unit=u.eaphe, by=world.secretary)
    return [
        reverse("evaluations:results", args=[campaign.pk]) + f"?don_vi={u.kp.pk}",
        reverse("evaluations:results_xlsx", args=[campaign.pk]) + f"?don_vi={u.kp.pk}",
        reverse("evaluations:calibration", args=[campaign.pk]),
        reverse("evaluations:calibration_xlsx", args=[campaign.pk]),
        reverse("evaluations:registration_pdf", args=[campaign.pk, u.eaphe.pk]),
        reverse("evaluations:evaluation_pdf", args=[assessment.pk]),
    ]
