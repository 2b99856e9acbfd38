"""Approved reviews for 2023–2024 in the shared world, and a draft province round of the 2022–2027 term.

Ea Phê: recognised both years (92, 94), Ea Kênh: recognised both years (80, 84), Tân Lợi: 2024 not recognised.
"""

import datetime
from decimal import Decimal

from branches.models import Term
from criteria.services import set_in_force
from evaluations.commendations import services
from evaluations.models import Assessment, Campaign

TODAY = datetime.date.today()
RULES = {
    "start_year": 2023,
    "end_year": 2024,
    "min_recognised_years": None,
    "min_level_code": "",
    "no_failed_inspection": True,
    "min_average_total": None,
    "quota_per_district": 2,
    "share_percent": None,
    "tie_break": "average,excellent_years,last_total",
}


def add_results(world):
    u = world.units
    results = {
        u.eaphe: [(2023, True, "xuat_sac", "92"), (2024, True, "xuat_sac", "94")],
        u.eakenh: [(2023, True, "dat", "80"), (2024, True, "dat", "84")],
        u.tanloi: [(2023, True, "dat", "75"), (2024, False, "", "60")],
    }
    for year in (2023, 2024):
        campaign = Campaign.objects.create(
            organiser=u.province,
            year=year,
            criteria_set=set_in_force(year),
            registration_due=datetime.date(year, 3, 1),
            self_assessment_due=datetime.date(year, 11, 30),
            review_due=datetime.date(year, 12, 31),
            status="closed",
        )
        for unit, rows in results.items():
            for row_year, recognised, level, total in rows:
                if row_year == year:
                    Assessment.objects.create(
                        campaign=campaign,
                        unit=unit,
                        status="approved",
                        review_total=Decimal(total),
                        level_code=level,
                        recognised=recognised,
                    )


def term_of(world):
    return Term.objects.get_or_create(
        unit=world.units.province, start_year=2022, defaults={"name": "Nhiệm kỳ 2022 – 2027", "end_year": 2027}
    )[0]


def make_round(world, organiser=None, **rules):
    return services.create_round(
        organiser=organiser or world.units.province,
        term=term_of(world),
        number=1,
        by=world.province if organiser is None else world.kp_officer,
        today=TODAY,
        **(RULES | rules),
    )
