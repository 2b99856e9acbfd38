"""Demo evaluations (run by `seed_demo` after the tree and the members).

2023–2025: every grassroots unit of the demo province has an accepted registration, a self-assessment and an
approved review; most are recognised, some not, a few forms were returned once, and the reviewers of some
districts are visibly more lenient (or stricter) than the others: the calibration view flags them every year.
The years are closed. 2026 is open, and Đoàn xã Ea Phê has a registration draft: the browser journey starts from
it (nothing else of Ea Phê's is sent that year). After the closed years, `seed_recognitions` has every reviewing
unit issue its recognition decision of each of them (the signers' names are illustrative).

Seeding stays quick: the rows are written in bulk, with the StatusEvent rows of every step and the history rows a
form's page shows, while keeping what the services keep (levels by `score_set`, totals, the recognised flag,
timestamps and actors in the order of the steps, deadlines met). `build_year` also makes the bench's province.
Idempotent: nothing is done when the demo province already has its campaigns.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from branches.models import GRASSROOTS_TYPES, SUPERIOR_TYPES, Unit
from common.workflow import events_for
from criteria.services import set_in_force

from . import services
from .demo_builder import COMMITMENTS, ROADMAPS, SOLUTIONS, STYLES, YEARS, Cast, Rows, at, build_year, stamp  # noqa: F401  (the bench builds with STYLES)
from .models import Campaign, CampaignStatus, RecognitionDecision

OPEN_YEAR = 2026


EAPHE = "DL-KP-EAPHE"


PROVINCE = "DL"


# Reviewers' habits per district-level unit: the lenient ones seldom lower a score, the strict ones often do.
LENIENT = frozenset({"DL-EK", "DL-CM", "DL-KBU", "DL-KDN"})


STRICT = frozenset({"DL-BMT", "DL-KN", "DL-LAK", "DL-DHTN"})


def seed(stdout=None) -> dict:
    """Fill 2023–2025 and open 2026 for the demo province, unless its campaigns exist; return what was created."""
    created = {"campaigns": 0, "assessments": 0}
    province = Unit.objects.filter(code=PROVINCE).first()
    if province is None or Campaign.objects.filter(organiser=province, year__in=[*YEARS, OPEN_YEAR]).exists():
        return created
    pairs = grassroots_with_superiors(province)
    cast = Cast.from_roles(province)
    styles = {
        superior.pk: "lenient" if superior.code in LENIENT else "strict" if superior.code in STRICT else "normal"
        for superior in {s for _, s in pairs}
    }
    with transaction.atomic():
        for year in YEARS:
            campaign = make_campaign(organiser=province, year=year, by=cast.province)
            build_year(campaign=campaign, pairs=pairs, cast=cast, styles=styles)
            close_campaign(campaign, by=cast.province)
            created["assessments"] += len(pairs)
        created["campaigns"] = len(YEARS) + _open_demo_year(province, cast)
    if stdout:
        stdout.write(
            f"Dữ liệu mẫu đánh giá: {created['campaigns']} năm, {created['assessments']} phiếu đánh giá đã thẩm định "
            f"({YEARS[0]}–{YEARS[-1]}); năm {OPEN_YEAR} đang mở, Đoàn xã Ea Phê có bản đăng ký đang soạn."
        )
    return created


def grassroots_with_superiors(root: Unit) -> list[tuple[Unit, Unit]]:
    """(grassroots unit, its reviewing superior) for every grassroots unit in force under `root`, by code."""
    units = list(Unit.objects.descendants_of(root, include_self=True).active())
    superiors = {u.path: u for u in units if u.unit_type in SUPERIOR_TYPES}
    pairs = []
    for unit in units:
        if unit.unit_type not in GRASSROOTS_TYPES:
            continue
        superior = next((superiors[p] for p in reversed(unit.ancestor_paths()) if p in superiors), None)
        if superior is not None:
            pairs.append((unit, superior))
    return sorted(pairs, key=lambda pair: pair[0].code)


def deadlines_for(year: int) -> dict:
    """The deadlines of a demo year (registration by March, self-assessment by November, review by December)."""
    return {
        "registration_due": datetime.date(year, 3, 31),
        "self_assessment_due": datetime.date(year, 11, 30),
        "review_due": datetime.date(year, 12, 20),
    }


def open_year_deadlines(year: int, today: datetime.date) -> dict:
    """The open year's deadlines, none of them already past on `today` (the journey must be able to register)."""
    usual = deadlines_for(year)
    registration_due = max(usual["registration_due"], today + datetime.timedelta(days=30))
    self_assessment_due = max(usual["self_assessment_due"], registration_due + datetime.timedelta(days=30))
    review_due = max(usual["review_due"], self_assessment_due + datetime.timedelta(days=20))
    return {
        "registration_due": registration_due,
        "self_assessment_due": self_assessment_due,
        "review_due": review_due,
    }


def make_campaign(*, organiser: Unit, year: int, by) -> Campaign:
    """A past year opened by the province on the set in force (what services.open_campaign makes), dated 5 January."""
    opened = at(datetime.date(year, 1, 5), random.Random(year))
    campaign = Campaign(
        organiser=organiser, year=year, criteria_set=set_in_force(year), created_by=by, **deadlines_for(year)
    )
    rows = Rows()
    rows.create(Campaign, [stamp(campaign, opened)])
    rows.snapshot(campaign, moment=opened, by=by, reason="Mở năm đánh giá", kind="+")
    rows.flush()
    return campaign


def close_campaign(campaign: Campaign, *, by) -> None:
    """Close a past year through the service, then date the step 15 January of the next year."""
    services.close_campaign(campaign=campaign, by=by)
    closed = at(datetime.date(campaign.year + 1, 1, 15), random.Random(campaign.year))
    events_for(campaign).filter(to_status=CampaignStatus.CLOSED).update(created_at=closed)
    campaign.history.filter(history_date__gt=closed).update(history_date=closed)


def _open_demo_year(province: Unit, cast: Cast) -> int:
    """Open 2026 through the services and start Ea Phê's registration as a draft (group 1 written, not sent)."""
    if cast.province is None:
        return 0
    campaign = services.open_campaign(
        organiser=province, year=OPEN_YEAR, by=cast.province, **open_year_deadlines(OPEN_YEAR, timezone.localdate())
    )
    eaphe = Unit.objects.filter(code=EAPHE).first()
    secretary = cast.unit_users.get(eaphe.pk) if eaphe else None
    if secretary is not None:
        registration = services.start_registration(campaign=campaign, unit=eaphe, by=secretary)
        services.save_registration(
            registration=registration,
            by=secretary,
            targets={"target_new_members": 20, "target_one_plus_one": 8},
            focus="",
            entries={(1, ""): {"commitment": COMMITMENTS[1][0], "solutions": SOLUTIONS[0], "roadmap": ROADMAPS[0]}},
        )
    return 1


# Who signs the demo's recognition decisions (illustrative names): one per reviewing unit, chosen by its code.
SIGNERS = (
    "Nguyễn Văn Thành",
    "Trần Thị Thu Hà",
    "Lê Quang Vinh",
    "Y Khem Niê",
    "Phạm Thị Hồng Nhung",
    "H'Yâm Êban",
    "Võ Minh Tâm",
    "Đặng Văn Lực",
)


def seed_recognitions(stdout=None) -> int:
    """Each reviewing unit's recognition decision of every closed demo year, issued through the service in January
    of the next year (by the unit's demo officer, else the system administrator who enters it); idempotent."""
    province = Unit.objects.filter(code=PROVINCE).first()
    if province is None:
        return 0
    cast = Cast.from_roles(province)
    admin = get_user_model().objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    issuers = list(Unit.objects.descendants_of(province, include_self=True).filter(unit_type__in=SUPERIOR_TYPES))
    closed = Campaign.objects.filter(organiser=province, year__in=YEARS, status=CampaignStatus.CLOSED)
    issued = 0
    for campaign in closed.select_related("organiser", "criteria_set").order_by("year"):
        done = set(RecognitionDecision.objects.filter(campaign=campaign).values_list("issuer_id", flat=True))
        for issuer in issuers:
            by = cast.province if issuer.pk == province.pk else cast.reviewers.get(issuer.pk, admin)
            if issuer.pk in done or by is None or not services.recognised_sheets(campaign, issuer):
                continue
            rng = random.Random(f"{issuer.code}-{campaign.year}")
            services.issue_recognition(
                campaign=campaign,
                issuer=issuer,
                by=by,
                # each year's numbers in their own range, so an issuer never repeats one
                decision_number=f"{20 * (campaign.year - YEARS[0]) + rng.randint(5, 19):02d}",
                decision_date=datetime.date(campaign.year + 1, 1, rng.randint(16, 28)),
                signer_name=random.Random(issuer.code).choice(SIGNERS),
                today=timezone.localdate(),
            )
            issued += 1
    if stdout and issued:
        stdout.write(f"Công nhận: {issued} quyết định công nhận của các đơn vị cấp trên ({YEARS[0]}–{YEARS[-1]}).")
    return issued
