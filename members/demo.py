"""Demo members for the Đắk Lắk demo tree (run by `seed_demo` after the tree).

About 30 members per chi đoàn with the names of the province's peoples (Kinh, Ê Đê, M'nông, Gia Rai, Tày,
Nùng …), ratings for the last two years, admissions with introducers, a few transfers, Party introductions
and youth-list entries. Idempotent: a chi đoàn that already has members is left alone. Fast: rows are written
with bulk_create (members with their history rows), so the ~400 chi đoàn of the demo take a few seconds.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from branches.models import Unit, UnitType

from .models import (
    Gender,
    Member,
    MemberRating,
    MemberStatus,
    MemberTransfer,
    PartyIntroduction,
    PartyOutcome,
    RatingLevel,
    TransferStatus,
    YouthCategory,
    YouthRecord,
)
from .services import start_transfer

MEMBERS_PER_BRANCH = 30
RATING_YEARS = (2024, 2025)
DEMO_REASON = "Dữ liệu mẫu"

KINH_FAMILY = (
    ["Nguyễn"] * 30
    + ["Trần"] * 10
    + ["Lê"] * 9
    + ["Phạm"] * 6
    + ["Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trương"] * 2
)
KINH_MIDDLE = {
    Gender.MALE: ["Văn", "Đức", "Minh", "Hữu", "Quốc", "Thanh", "Công", "Xuân"],
    Gender.FEMALE: ["Thị", "Thị", "Ngọc", "Thu", "Thị Thu", "Thị Kim", "Thanh", "Mỹ"],
}
KINH_GIVEN = {
    Gender.MALE: [
        "An",
        "Bình",
        "Cường",
        "Dũng",
        "Đạt",
        "Hải",
        "Hiếu",
        "Hùng",
        "Khánh",
        "Long",
        "Nam",
        "Phong",
        "Phúc",
        "Quân",
        "Sơn",
        "Thắng",
        "Trung",
        "Tuấn",
        "Việt",
        "Vinh",
        "Bảo",
        "Huy",
        "Khoa",
        "Lộc",
        "Thịnh",
    ],
    Gender.FEMALE: [
        "Anh",
        "Châu",
        "Dung",
        "Giang",
        "Hà",
        "Hạnh",
        "Hoa",
        "Hương",
        "Lan",
        "Linh",
        "Mai",
        "Ngọc",
        "Nhung",
        "Phương",
        "Quỳnh",
        "Tâm",
        "Thảo",
        "Trang",
        "Uyên",
        "Vân",
        "Yến",
        "Ánh",
        "Diễm",
        "Hằng",
        "Oanh",
    ],
}
# Ê Đê names: Y (men) or H' (women), the given name, then the family (clan) name.
EDE_FAMILY = ["Niê", "Êban", "Mlô", "Byă", "Adrơng", "Hđơk", "Knul", "Ayŭn", "Mdrang", "Buôn Yă", "Êñuôl", "Kbuôr"]
EDE_GIVEN = {
    Gender.MALE: ["Y Bhin", "Y Sơn", "Y Kông", "Y Thuật", "Y Jon", "Y Bih", "Y Wai", "Y Pơk", "Y Khoa", "Y Nam"],
    Gender.FEMALE: ["H'Hen", "H'Zen", "H'Bia", "H'Linh", "H'Nga", "H'Phương", "H'Yâo", "H'Duyên", "H'Ngăm", "H'Lan"],
}
# M'nông names in Đắk Lắk follow the same pattern with their own clans.
MNONG_FAMILY = ["Liêng", "Bkrông", "Kđăm", "Liêng Hót", "Bon Yô", "Rcom"]
MNONG_GIVEN = {
    Gender.MALE: ["Y Ghi", "Y Khuin", "Y Brơm", "Y Thương", "Y Lâm"],
    Gender.FEMALE: ["H'Nhi", "H'Bông", "H'Ngọc", "H'Ly", "H'Wen"],
}
# Gia Rai names put the clan first.
JRAI_FAMILY = ["Ksor", "Siu", "Rơ Châm", "Nay", "Rơ Mah", "Kpă", "Rah Lan"]
JRAI_GIVEN = {
    Gender.MALE: ["Y Phú", "Thành", "Y Ban", "Đen", "Yơn"],
    Gender.FEMALE: ["H'Mai", "H'Lim", "H'Hoa", "Nhi", "Hyon"],
}
ETHNIC_MIX = (
    ["Kinh"] * 62
    + ["Ê Đê"] * 18
    + ["Mnông"] * 5
    + ["Gia Rai"] * 4
    + ["Tày"] * 4
    + ["Nùng"] * 4
    + ["Thái", "Mường", "Dao"]
)
RELIGIONS_KINH = [""] * 80 + ["Công giáo"] * 10 + ["Phật giáo"] * 8 + ["Cao Đài"] * 2
RELIGIONS_HIGHLAND = [""] * 55 + ["Tin Lành"] * 35 + ["Công giáo"] * 10
EDUCATION = ["12/12", "12/12", "12/12", "9/12", "Trung cấp", "Cao đẳng", "Đại học"]
OCCUPATIONS = {
    "xã": ["Nông dân", "Nông dân", "Trồng cà phê", "Công nhân", "Buôn bán", "Học sinh"],
    "thị trấn": ["Buôn bán", "Công nhân", "Lao động tự do", "Học sinh", "Viên chức"],
    "trường": ["Học sinh"],
    "cơ quan": ["Công chức", "Viên chức", "Công nhân", "Chiến sĩ"],
}
LEVELS = (
    [RatingLevel.EXCELLENT] * 15
    + [RatingLevel.GOOD] * 55
    + [RatingLevel.COMPLETED] * 25
    + [RatingLevel.NOT_COMPLETED] * 5
)


def seed(stdout=None) -> dict:
    """Add demo members to every chi đoàn of the demo tree that has none yet; return what was created."""
    today = datetime.date.today()
    branches = list(
        Unit.objects.filter(unit_type=UnitType.BRANCH, code__startswith="DL-").exclude(members__isnull=False).distinct()
    )
    created = {"members": 0, "ratings": 0, "transfers": 0, "introductions": 0, "youth": 0}
    if not branches:
        return created
    parents = dict(Unit.objects.parents_of(branches).values_list("path", "code"))
    with transaction.atomic():
        members = []
        for branch in branches:
            members += _branch_members(branch, parents.get(branch.parent_path, ""), today)
        bulk_create_with_history(members, Member, batch_size=2000, default_change_reason=DEMO_REASON)
        members = list(Member.objects.filter(unit__in=branches).select_related("unit").order_by("unit_id", "pk"))
        created["members"] = len(members)
        _admissions(members)
        created["ratings"] = _ratings(members)
        created["introductions"] = _introductions(members, today)
        created["youth"] = _youth(branches)
        created["transfers"] = _transfers(members)
    if stdout:
        stdout.write(
            f"Dữ liệu mẫu sổ đoàn viên: thêm {created['members']} đoàn viên, {created['ratings']} xếp loại, "
            f"{created['transfers']} hồ sơ chuyển sinh hoạt, {created['introductions']} giới thiệu cho Đảng, "
            f"{created['youth']} thanh thiếu niên cần quan tâm."
        )
    return created


def _kind(branch: Unit) -> str:
    if "buôn" in branch.name or "thôn" in branch.name:
        return "xã"
    if "tổ dân phố" in branch.name:
        return "thị trấn"
    if "lớp" in branch.name.lower() or "khối" in branch.name.lower():
        return "trường"
    return "cơ quan"


def _name(rng, gender, ethnicity) -> str:
    if ethnicity == "Ê Đê":
        return f"{rng.choice(EDE_GIVEN[gender])} {rng.choice(EDE_FAMILY)}"
    if ethnicity == "Mnông":
        return f"{rng.choice(MNONG_GIVEN[gender])} {rng.choice(MNONG_FAMILY)}"
    if ethnicity == "Gia Rai":
        return f"{rng.choice(JRAI_FAMILY)} {rng.choice(JRAI_GIVEN[gender])}"
    return f"{rng.choice(KINH_FAMILY)} {rng.choice(KINH_MIDDLE[gender])} {rng.choice(KINH_GIVEN[gender])}"


def _branch_members(branch: Unit, grassroots_code: str, today: datetime.date) -> list[Member]:
    rng = random.Random(branch.code)  # the same members on every machine
    kind = _kind(branch)
    members = []
    for index in range(MEMBERS_PER_BRANCH):
        gender = rng.choice([Gender.MALE, Gender.FEMALE])
        ethnicity = rng.choice(ETHNIC_MIX)
        if kind == "trường":
            age_days = rng.randint(16 * 365, 18 * 365)
        else:
            # A few are past 30 and due for trưởng thành Đoàn: the unit page flags them.
            age_days = rng.randint(17 * 365, 32 * 365 if index % 10 == 0 else 30 * 365)
        birth = today - datetime.timedelta(days=age_days)
        joined = birth + datetime.timedelta(days=rng.randint(16 * 365 + 30, 18 * 365))
        highland = ethnicity in ("Ê Đê", "Mnông", "Gia Rai")
        serial = branch.pk * 40 + index
        century = (0 if birth.year < 2000 else 2) + (1 if gender == Gender.FEMALE else 0)
        members.append(
            Member(
                unit=branch,
                full_name=_name(rng, gender, ethnicity),
                birth_date=birth,
                gender=gender,
                ethnicity=ethnicity if index % 25 != 7 else "",  # a few records miss a required field
                religion=rng.choice(RELIGIONS_HIGHLAND if highland else RELIGIONS_KINH),
                id_number=f"066{century}{birth.year % 100:02d}{serial % 1_000_000:06d}" if index % 9 else None,
                card_number=f"{grassroots_code.split('-')[1] if '-' in grassroots_code else 'DL'}{serial:07d}",
                joined_date=min(joined, today),
                joined_place=branch.name,
                education=rng.choice(EDUCATION),
                occupation=rng.choice(OCCUPATIONS[kind]),
                phone=f"09{rng.randint(10_000_000, 99_999_999)}",
                residence=f"{branch.name.replace('Chi đoàn ', '').capitalize()}, {branch.place_name}",
                is_party_member=rng.random() < 0.06,
                status=MemberStatus.ACTIVE if rng.random() < 0.97 else MemberStatus.MATURED,
            )
        )
        members[-1].fill_derived_fields()
    return members


def _admissions(members) -> None:
    """The two youngest members of each chi đoàn were admitted last year, introduced by a fellow member."""
    by_unit: dict[int, list[Member]] = {}
    for member in members:
        by_unit.setdefault(member.unit_id, []).append(member)
    changed = []
    for unit_members in by_unit.values():
        youngest = sorted(unit_members, key=lambda m: m.birth_date, reverse=True)[:2]
        introducer = next(m for m in unit_members if m not in youngest and m.status == MemberStatus.ACTIVE)
        for number, member in enumerate(youngest, start=1):
            member.admission_decision_number = f"{number + member.unit_id % 50:02d}-QĐ/ĐTN"
            member.admission_decision_date = datetime.date(2025, 3, 26)
            member.joined_date = datetime.date(2025, 3, 26)
            member.introducer = introducer
            changed.append(member)
    Member.objects.bulk_update(
        changed, ["admission_decision_number", "admission_decision_date", "joined_date", "introducer"], batch_size=2000
    )


def _ratings(members) -> int:
    rows = []
    for member in members:
        if member.status != MemberStatus.ACTIVE or member.joined_date.year >= 2025:
            continue
        rng = random.Random(member.pk)
        for year in RATING_YEARS:
            rows.append(MemberRating(member=member, year=year, level=rng.choice(LEVELS), unit=member.unit))
    MemberRating.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def _introductions(members, today) -> int:
    """One outstanding member of every fourth chi đoàn is introduced to the Party this year."""
    excellent = set(
        MemberRating.objects.filter(member__in=members, year=RATING_YEARS[-1], level=RatingLevel.EXCELLENT).values_list(
            "member_id", flat=True
        )
    )
    rows, seen_units = [], set()
    for member in members:
        if member.pk in excellent and not member.is_party_member and member.unit_id not in seen_units:
            seen_units.add(member.unit_id)
            if member.unit_id % 4 == 0:
                admitted = member.unit_id % 3 == 0
                rows.append(
                    PartyIntroduction(
                        member=member,
                        year=today.year,
                        introduced_date=datetime.date(today.year, 4, 15),
                        resolution=f"{member.unit_id % 30 + 1:02d}-NQ/ĐTN",
                        outcome=PartyOutcome.ADMITTED if admitted else PartyOutcome.PENDING,
                        party_admitted_date=datetime.date(today.year, 9, 2) if admitted else None,
                    )
                )
    PartyIntroduction.objects.bulk_create(rows)
    return len(rows)


YOUTH_EXAMPLES = [
    (YouthCategory.DIFFICULT, "Y Bhin Mlô", "Mồ côi cha, gia đình thuộc hộ nghèo", "Vận động học bổng, tặng xe đạp"),
    (
        YouthCategory.RELIGIOUS,
        "Nguyễn Văn Phêrô",
        "Sinh hoạt tại giáo xứ, chưa tham gia Đoàn",
        "Mời tham gia đội thanh niên tình nguyện",
    ),
    (
        YouthCategory.VULNERABLE,
        "H'Zen Êban",
        "Bỏ học sớm, chưa có việc làm ổn định",
        "Giới thiệu học nghề tại trung tâm huyện",
    ),
]


def _youth(branches) -> int:
    rows = []
    for branch in branches[::3]:
        category, name, circumstances, plan = YOUTH_EXAMPLES[branch.pk % len(YOUTH_EXAMPLES)]
        rows.append(
            YouthRecord(
                unit=branch,
                category=category,
                full_name=name,
                birth_year=2008,
                residence=branch.place_name,
                circumstances=circumstances,
                help_plan=plan,
            )
        )
    for record in rows:
        record.save()  # a few hundred rows: save() keeps the search column and a history row
    return len(rows)


def _transfers(members) -> int:
    """A few transfers: one accepted inside Krông Pắc, one waiting in Buôn Ma Thuột, one out of the portal."""
    if MemberTransfer.objects.exists():
        return 0
    active = [m for m in members if m.status == MemberStatus.ACTIVE and m.introducer_id is None]
    by_code = {m.unit.code: m for m in active}
    targets = dict(Unit.objects.filter(code__in=["DL-KP-EAKENH-T1"]).values_list("code", "pk"))
    city_unit = Unit.objects.filter(code__startswith="DL-BMT-", unit_type=UnitType.GRASSROOTS).order_by("code").first()
    count, now = 0, timezone.now()
    first = by_code.get("DL-KP-EAPHE-T3")
    if first and "DL-KP-EAKENH-T1" in targets:
        from_unit = first.unit
        first.unit_id = targets["DL-KP-EAKENH-T1"]
        first._change_reason = f"Chuyển sinh hoạt từ {from_unit.name}"
        first.save()
        MemberTransfer.objects.create(
            member=first,
            from_unit=from_unit,
            to_unit=Unit.objects.get(code="DL-KP-EAKENH"),
            assigned_unit_id=targets["DL-KP-EAKENH-T1"],
            status=TransferStatus.ACCEPTED,
            remark="Hoàn thành tốt nhiệm vụ, đã đóng đoàn phí đến hết tháng 6.",
            decided_at=now,
        )
        count += 1
    second = by_code.get("DL-KP-EAPHE-T4")
    if second and city_unit:
        MemberTransfer.objects.create(
            member=second,
            from_unit=second.unit,
            to_unit=city_unit,
            remark=f"Chuyển về cư trú tại {city_unit.name.removeprefix('Đoàn ')}.",
        )
        count += 1
    third = next((m for code, m in by_code.items() if code.startswith("DL-BH-")), None)
    admin = get_user_model().objects.filter(username="quantri").first()
    if third and admin:
        start_transfer(
            member=third,
            by=admin,
            destination_text="Đoàn phường Bến Nghé, Quận 1, TP. Hồ Chí Minh",
            remark="Đi làm việc tại TP. Hồ Chí Minh.",
        )
        count += 1
    return count
