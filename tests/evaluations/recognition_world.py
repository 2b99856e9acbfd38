"""A closed year 2025 in the shared world, with the sheets a recognition decision reads (rows made directly: these
tests are about the decision, not about the steps that approve a sheet).

    Huyện đoàn Krông Pắc: Ea Phê Xuất sắc 92, Ea Kênh Đạt 80, Hòa An approved without a level (60), Vụ Bổn
        sent but never approved
    Thành đoàn Buôn Ma Thuột: Tân Lợi Đạt 75
    Tỉnh đoàn (directly): Đoàn trường Cao đẳng Y tế Đạt 85
"""

import datetime
from decimal import Decimal

from branches.models import Unit, UnitType
from criteria.services import set_in_force
from evaluations.cycle import services
from evaluations.models import Assessment, Campaign, FormStatus
from tests.conftest import make_unit

YEAR = 2025
DECISION_DATE = datetime.date(2026, 1, 20)
TODAY = datetime.date(2026, 2, 1)
EXCELLENT = "Đạt “Đoàn cơ sở 3 chủ động” – Xuất sắc"
REACHED = "Đạt “Đoàn cơ sở 3 chủ động”"


def _sheet(campaign, unit, status, level_code="", level_name="", total=None):
    return Assessment.objects.create(
        campaign=campaign,
        unit=unit,
        status=status,
        self_total=Decimal(90),
        review_total=Decimal(total) if total is not None else None,
        max_total=Decimal(100),
        level_code=level_code,
        level_name=level_name,
        recognised=bool(level_code),
    )


def closed_year(world, year=YEAR, *, status="closed") -> Campaign:
    u = world.units
    campaign = Campaign.objects.create(
        organiser=u.province,
        year=year,
        criteria_set=set_in_force(year),
        registration_due=datetime.date(year, 3, 31),
        self_assessment_due=datetime.date(year, 11, 30),
        review_due=datetime.date(year, 12, 20),
        status=status,
    )
    hoaan = _unit(u.kp, "DL-KP-HOAAN", "Đoàn xã Hòa An")
    vubon = _unit(u.kp, "DL-KP-VUBON", "Đoàn xã Vụ Bổn")
    school = _unit(u.province, "DL-CDYT", "Đoàn trường Cao đẳng Y tế")
    _sheet(campaign, u.eaphe, FormStatus.APPROVED, "xuat_sac", EXCELLENT, "92")
    _sheet(campaign, u.eakenh, FormStatus.APPROVED, "dat", REACHED, "80.5")
    _sheet(campaign, hoaan, FormStatus.APPROVED, "", "", "60")
    _sheet(campaign, vubon, FormStatus.SUBMITTED)
    _sheet(campaign, u.tanloi, FormStatus.APPROVED, "dat", REACHED, "75")
    _sheet(campaign, school, FormStatus.APPROVED, "dat", REACHED, "85")
    return campaign


def _unit(parent, code, name):
    existing = Unit.objects.filter(code=code).first()
    if existing is not None:
        return existing
    return make_unit(Unit.objects.get(pk=parent.pk), code, name, UnitType.GRASSROOTS)


def issue(world, campaign, issuer=None, by=None, **fields):
    """The decision of `issuer` (Krông Pắc) for the year, issued by its officer."""
    return services.issue_recognition(
        campaign=campaign,
        issuer=issuer or world.units.kp,
        by=by or world.kp_officer,
        **(
            {
                "decision_number": "12",
                "decision_date": DECISION_DATE,
                "signer_name": "Nguyễn Văn Hùng",
                "signer_position": "BÍ THƯ",
                "today": TODAY,
            }
            | fields
        ),
    )
