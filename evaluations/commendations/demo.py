"""Demo data: the province's finalised round-1 commendation of the 2022–2027 term (window 2023–2024).

It seeds the inspections itself first (that seed is idempotent), so that it can be run on its own: a unit whose
inspection failed must not be commended. Idempotent, and quiet when there
are no approved reviews of 2023–2024 to commend from.
"""

import datetime

from branches.models import RoleAssignment, Term, Unit
from branches.permissions import PROVINCE_ROLES
from evaluations.cycle.models import Assessment, FormStatus
from evaluations.inspections import demo as inspections_demo

from . import services
from .models import CommendationRound

RULES = {
    "start_year": 2023,
    "end_year": 2024,
    "min_recognised_years": None,
    "min_level_code": "",
    "no_failed_inspection": True,
    "min_average_total": None,
    "quota_per_district": 3,
    "share_percent": None,
    "tie_break": "average,excellent_years,last_total",
}
DECISION = {"decision_number": "125", "decision_date": datetime.date(2025, 1, 20), "signer_name": "Y Ngọc Êban"}


def seed(stdout=None) -> CommendationRound | None:
    inspections_demo.seed(stdout=stdout)
    term = Term.objects.filter(start_year=2022, unit__depth=1).select_related("unit").first()
    if term is None:
        return None
    province = Unit.objects.get(pk=term.unit_id)
    existing = CommendationRound.objects.filter(organiser=province, term=term, number=1).first()
    if existing is not None and existing.is_finalised:
        return existing
    approved = Assessment.objects.in_subtree(province).filter(status=FormStatus.APPROVED)
    if not approved.filter(campaign__year__in=[2023, 2024]).exists():
        if stdout:
            stdout.write("Tuyên dương: chưa có kết quả thẩm định 2023–2024, bỏ qua đợt tuyên dương mẫu.")
        return None
    officer = (
        RoleAssignment.objects.active().filter(role__in=PROVINCE_ROLES, unit=province).select_related("user").first()
    )
    if officer is None:
        return None
    today = datetime.date.today()
    commendation_round = existing or services.create_round(
        organiser=province, term=term, number=1, by=officer.user, today=today, **RULES
    )
    finalised = services.finalise_round(commendation_round=commendation_round, by=officer.user, today=today, **DECISION)
    if stdout:
        count = finalised.entries.count()
        stdout.write(f"Tuyên dương: đã ban hành quyết định số {DECISION['decision_number']} ({count} đơn vị).")
    return finalised
