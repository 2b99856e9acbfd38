"""The records users really have, for the readers' tests (results table, dashboard, to-do): two districts and a
unit right under the province, returned forms, units dissolved before and during the year.

The 2026 year of the province (the `campaign` fixture), rows made directly (these tests read them):

    unit                          district      registration  sheet       stage on the dashboard
    DL-KP-EAPHE    Ea Phê         Krông Pắc     accepted      approved    recognised (xuất sắc, 100 → 97)
    DL-KP-EAKENH   Ea Kênh        Krông Pắc     returned      —           not registered
    DL-KP-CU       Đoàn xã Cũ     Krông Pắc     —             —           (dissolved 30/06/2025: not in 2026)
    DL-KP-SAPNHAP  Sáp Nhập       Krông Pắc     submitted     draft       registered (dissolved 30/06/2026)
    DL-BMT-TANLOI  Tân Lợi        Buôn Ma Thuột accepted      returned    self-assessed
    DL-BMT-CU      Phường Cũ      Buôn Ma Thuột —             submitted   self-assessed (dissolved 31/12/2025,
                                                                          kept for its sheet of the year)
    DL-TRUONG      Trường Y tế    (province)    accepted      approved    reviewed, not recognised (60)
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

from branches.models import UnitType
from evaluations.models import Assessment, FormStatus, Registration
from tests.conftest import make_unit

D = datetime.date
XUAT_SAC = "Đạt “Đoàn cơ sở 3 chủ động” – Xuất sắc"


def forms(
    campaign, unit, registration=None, sheet=None, *, recognised=False, level_code="", review=None, self_total=90
):
    """The unit's registration and sheet of `campaign` in the statuses given (None: no such form)."""
    if registration is not None:
        Registration.objects.create(campaign=campaign, unit=unit, status=registration)
    if sheet is not None:
        approved = sheet == FormStatus.APPROVED
        Assessment.objects.create(
            campaign=campaign,
            unit=unit,
            status=sheet,
            self_total=Decimal(self_total) if sheet != FormStatus.DRAFT else None,
            review_total=Decimal(review) if approved else None,
            max_total=Decimal(100),
            level_code=level_code if approved else "",
            level_name=(XUAT_SAC if level_code == "xuat_sac" else "Không đạt") if approved else "",
            recognised=approved and recognised,
        )


def reader_units(world) -> SimpleNamespace:
    u = world.units
    kp = u.kp
    cu = make_unit(kp, "DL-KP-CU", "Đoàn xã Cũ", UnitType.GRASSROOTS, valid_to=D(2025, 6, 30))
    kp.refresh_from_db()
    sapnhap = make_unit(kp, "DL-KP-SAPNHAP", "Đoàn xã Sáp Nhập", UnitType.GRASSROOTS, valid_to=D(2026, 6, 30))
    bmt_cu = make_unit(u.bmt, "DL-BMT-CU", "Đoàn phường Cũ", UnitType.GRASSROOTS, valid_to=D(2025, 12, 31))
    truong = make_unit(u.province, "DL-TRUONG", "Đoàn trường Cao đẳng Y tế", UnitType.GRASSROOTS)
    return SimpleNamespace(
        eaphe=u.eaphe, eakenh=u.eakenh, cu=cu, sapnhap=sapnhap, tanloi=u.tanloi, bmt_cu=bmt_cu, truong=truong
    )


def reader_year(world, campaign) -> SimpleNamespace:
    """The units above with their 2026 forms."""
    units = reader_units(world)
    forms(campaign, units.eaphe, FormStatus.ACCEPTED, FormStatus.APPROVED, recognised=True, level_code="xuat_sac",
          self_total=100, review=97)  # fmt: skip
    forms(campaign, units.eakenh, FormStatus.RETURNED)
    forms(campaign, units.sapnhap, FormStatus.SUBMITTED, FormStatus.DRAFT)
    forms(campaign, units.tanloi, FormStatus.ACCEPTED, FormStatus.RETURNED)
    forms(campaign, units.bmt_cu, None, FormStatus.SUBMITTED)
    forms(campaign, units.truong, FormStatus.ACCEPTED, FormStatus.APPROVED, review=60)
    return units
