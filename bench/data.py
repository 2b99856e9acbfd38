"""Generated units and members for the benchmarks, written in bulk (no history: this is fixture data)."""

import datetime
import io
import random

from openpyxl import Workbook

from members.columns import HEADERS

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "H'",
    "Y",
    "Niê",
    "Ksor",
    "Rmah",
    "Êban",
    "Buôn Yă",
]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quốc", "Xuân", "Thu", "Hồng", "Kim", "Gia", "Bảo"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Hà",
    "Hải",
    "Hạnh",
    "Hoa",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Minh",
    "Nam",
    "Ngân",
    "Nhung",
    "Phúc",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
    "Vy",
    "Yến",
    "Ánh",
    "Ơn",
    "Ưng",
    "Đào",
    "Ê Ban",
    "Hen",
    "Blút",
    "Nga",
    "Tín",
]
ETHNICITIES = ["Kinh"] * 8 + ["Ê Đê", "Mnông", "Gia Rai", "Tày", "Nùng", "Thái", "Mông", "Dao"]
CHI_DOAN_PER_GRASSROOTS = 10


def make_units(n_districts: int, grassroots_per_district: int):
    """A province with districts, grassroots units and chi đoàn, paths computed directly (bulk insert)."""
    return _bulk_tree("BT", "Tỉnh đoàn Thử nghiệm", [grassroots_per_district] * n_districts, CHI_DOAN_PER_GRASSROOTS)


def _bulk_tree(code: str, name: str, district_sizes: list[int], chi_doan: int):
    """A new root `code` with one district per entry of `district_sizes` (that many grassroots units each)."""
    from branches.models import Unit, UnitType
    from common.text import search_key

    units = []

    def add(parent, position, code, name, unit_type):
        path = Unit._get_path(parent.path if parent else None, (parent.depth + 1) if parent else 1, position)
        unit = Unit(
            path=path,
            depth=len(path) // Unit.steplen,
            numchild=0,
            code=code,
            name=name,
            unit_type=unit_type,
            short_name=f"BCH {name}",
            search_text=search_key(f"{name} BCH {name} {code}"),
        )
        if parent:
            parent.numchild += 1
        units.append(unit)
        return unit

    province = add(None, Unit.objects.filter(depth=1).count() + 1, code, name, UnitType.PROVINCE)
    for d, size in enumerate(district_sizes, start=1):
        district = add(province, d, f"{code}-H{d:02d}", f"Huyện đoàn số {d}", UnitType.DISTRICT)
        for g in range(1, size + 1):
            grassroots = add(district, g, f"{code}-H{d:02d}-X{g:02d}", f"Đoàn xã số {g} huyện {d}", UnitType.GRASSROOTS)
            for c in range(1, chi_doan + 1):
                add(grassroots, c, f"{code}-H{d:02d}-X{g:02d}-C{c:02d}", f"Chi đoàn thôn {c}", UnitType.BRANCH)
    Unit.objects.bulk_create(units, batch_size=2000)
    return Unit.objects.get(code=code)


# The evaluations province: one district of 10 units (the 10-row query counts), then 18 districts of 55.
EVALUATION_DISTRICTS = [10] + [55] * 18


def make_evaluations(*, closed_years, open_year: int):
    """A province ("BE") of 1,000 grassroots units with users, `closed_years` of approved reviews, and `open_year`
    with every sheet waiting for review except the draft of BE-H01-X01 (the autosave target).

    Built with the demo's bulk builder (evaluations/cycle/demo.py), without history rows: this is fixture data.
    """
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from branches.models import Role, RoleAssignment, Unit
    from evaluations.cycle import demo, services
    from evaluations.models import FormStatus

    province = _bulk_tree("BE", "Tỉnh đoàn Đánh giá", EVALUATION_DISTRICTS, chi_doan=1)
    users = get_user_model().objects
    for username, code, role in [
        ("bench.tinhdoan", "BE", Role.PROVINCE_COMMITTEE),
        ("bench.huyen", "BE-H01", Role.SUPERIOR_OFFICER),
        ("bench.huyen2", "BE-H02", Role.SUPERIOR_OFFICER),
        ("bench.bithu", "BE-H01-X01", Role.GRASSROOTS_SECRETARY),
    ]:
        RoleAssignment.objects.create(user=users.create_user(username), unit=Unit.objects.get(code=code), role=role)
    pairs = demo.grassroots_with_superiors(province)
    superiors = sorted({superior.code: superior for _, superior in pairs}.values(), key=lambda unit: unit.code)
    styles = {superior.pk: list(demo.STYLES)[n % len(demo.STYLES)] for n, superior in enumerate(superiors)}
    cast = demo.Cast.from_roles(province)
    with transaction.atomic():
        for year in closed_years:
            campaign = demo.make_campaign(organiser=province, year=year, by=cast.province)
            demo.build_year(campaign=campaign, pairs=pairs, cast=cast, styles=styles, history=False)
            demo.close_campaign(campaign, by=cast.province)
        campaign = demo.make_campaign(organiser=province, year=open_year, by=cast.province)
        draft_unit, waiting = pairs[0][0], pairs[1:]
        demo.build_year(
            campaign=campaign, pairs=waiting, cast=cast, styles=styles, until=FormStatus.SUBMITTED, history=False
        )
        services.start_assessment(campaign=campaign, unit=draft_unit, by=cast.unit_users[draft_unit.pk])
    return province


def person(rng: random.Random, number: int) -> dict:
    family = rng.choice(FAMILY)
    gender = "nu" if rng.random() < 0.5 else "nam"
    middle = "Thị" if gender == "nu" and rng.random() < 0.6 else rng.choice(MIDDLE)
    birth = datetime.date(1990, 1, 1) + datetime.timedelta(days=rng.randrange(0, 365 * 18))
    return {
        "full_name": f"{family} {middle} {rng.choice(GIVEN)}",
        "birth_date": birth,
        "gender": gender,
        "ethnicity": rng.choice(ETHNICITIES),
        "religion": "" if rng.random() < 0.8 else "Công giáo",
        "id_number": f"0{number:011d}",
        "card_number": f"ĐV{number:09d}",
        "joined_date": birth + datetime.timedelta(days=365 * 16 + rng.randrange(0, 700)),
        "joined_place": "Chi đoàn thôn",
        "education": "12/12",
        "occupation": rng.choice(["Nông dân", "Công nhân", "Học sinh", "Giáo viên", "Kinh doanh"]),
        "phone": f"09{rng.randrange(10**8):08d}",
        "residence": f"Thôn {rng.randrange(1, 20)}",
        "is_party_member": rng.random() < 0.05,
    }


def make_members(count: int, *, seed: int = 3, start_number: int = 1) -> None:
    """`count` members spread over every chi đoàn of the generated tree."""
    from django.db import transaction

    from branches.models import Unit, UnitType
    from members.models import Member

    rng = random.Random(seed)
    branches = list(Unit.objects.filter(unit_type=UnitType.BRANCH, code__startswith="BT-").values_list("pk", flat=True))
    batch = []
    with transaction.atomic():
        for n in range(count):
            member = Member(unit_id=branches[n % len(branches)], **person(rng, start_number + n))
            member.fill_derived_fields()
            batch.append(member)
            if len(batch) == 5000:
                Member.objects.bulk_create(batch)
                batch = []
        Member.objects.bulk_create(batch)


def import_workbook(rows: int, unit_codes: list[str], *, start_number: int) -> bytes:
    """A template-shaped workbook of `rows` new members, dates as real Excel dates, CCCD as text."""
    rng = random.Random(11)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Danh sách")
    sheet.append(["DANH SÁCH ĐOÀN VIÊN"])
    sheet.append(list(HEADERS))
    for n in range(rows):
        p = person(rng, start_number + n)
        sheet.append(
            [
                n + 1,
                p["full_name"],
                p["birth_date"],
                "Nữ" if p["gender"] == "nu" else "Nam",
                p["ethnicity"],
                p["religion"],
                p["id_number"],
                p["card_number"],
                p["joined_date"],
                p["joined_place"],
                unit_codes[n % len(unit_codes)],
                p["education"],
                p["occupation"],
                p["phone"],
                p["residence"],
                "Có" if p["is_party_member"] else "Không",
                None,
                "Đang sinh hoạt",
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def analyse() -> None:
    """PostgreSQL's statistics and visibility map as autovacuum leaves them on a live database."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
