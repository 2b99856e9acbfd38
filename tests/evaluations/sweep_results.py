"""URLs of the results, calibration and printed forms that a sibling-district officer (world.outsider) must get 404 on.

The results and their Excel export are read by every officer for their own scope, so their sweep URL filters on
Huyện đoàn Krông Pắc; the calibration is the province's alone.
"""

from django.urls import reverse

from evaluations.cycle import services
from evaluations.models import Campaign

from .conftest import TODAY


def sweep_urls(world) -> list[tuple[str, str]]:
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
        (reverse("evaluations:results", args=[campaign.pk]) + f"?don_vi={u.kp.pk}", "kp_officer"),
        (reverse("evaluations:results_xlsx", args=[campaign.pk]) + f"?don_vi={u.kp.pk}", "kp_officer"),
        (reverse("evaluations:calibration", args=[campaign.pk]), "province"),
        (reverse("evaluations:calibration_xlsx", args=[campaign.pk]), "province"),
        (reverse("evaluations:registration_pdf", args=[campaign.pk, u.eaphe.pk]), "secretary"),
        (reverse("evaluations:evaluation_pdf", args=[assessment.pk]), "secretary"),
    ]


def mixed_urls(world) -> list[tuple[str, str, str]]:
    """The registration form of a commune of another province printed under this province's year: 404."""
    from .sweep import _campaign, _other_province

    campaign = _campaign(world.units.province, world.province)
    services.start_registration(campaign=campaign, unit=world.units.eaphe, by=world.secretary)
    _, foreign = _other_province(world)
    name = "evaluations:registration_pdf"
    return [
        (
            "admin",
            reverse(name, args=[campaign.pk, world.units.eaphe.pk]),
            reverse(name, args=[campaign.pk, foreign.pk]),
        )
    ]
