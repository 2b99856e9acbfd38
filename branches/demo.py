"""Demo data of the tree: Tỉnh đoàn Đắk Lắk (pre-2025), grassroots units, chi đoàn, one user per role.

Idempotent: units are found by code and users by user name; nothing existing is changed.
"""

import base64
import csv
import random
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from common.text import search_key

from .models import Role, RoleAssignment, Term, Unit, UnitType
from .permissions import PROVINCE_ROLES
from .two_factor.services import AUTHENTICATOR_NAME

CSV_PATH = Path(__file__).resolve().parent / "data" / "daklak-units.csv"
DEMO_PASSWORD = "DoanVien@2026"
# The authenticator secret of the demo accounts that sign in in two steps (base32, as authenticator apps take it):
# public, like the password, so that a newcomer can sign in; `make run` prints it.
DEMO_TOTP_SECRET = "DOANCOSOBACHUDONGDAKLAKDEMOTOTPX"

# Real commune, ward and town names of each district (pre-2025), used for grassroots units.
PLACES = {
    "DL-BMT": [
        "phường Tân Lợi",
        "phường Thành Công",
        "phường Tân Thành",
        "phường Ea Tam",
        "phường Khánh Xuân",
        "xã Hòa Thắng",
        "xã Cư Êbur",
    ],
    "DL-BH": ["phường An Lạc", "phường An Bình", "phường Thống Nhất", "phường Đạt Hiếu", "xã Ea Drông", "xã Cư Bao"],
    "DL-BD": ["xã Krông Na", "xã Ea Huar", "xã Ea Wer", "xã Tân Hòa", "xã Cuôr Knia", "xã Ea Bar"],
    "DL-CK": ["xã Ea Tiêu", "xã Ea Ktur", "xã Dray Bhăng", "xã Hòa Hiệp", "xã Ea Bhốk", "xã Ea Hu"],
    "DL-CM": ["thị trấn Quảng Phú", "xã Ea Kiết", "xã Ea Tar", "xã Cư Dliê M'nông", "xã Ea H'đing", "xã Cư Suê"],
    "DL-EH": ["thị trấn Ea Drăng", "xã Ea Khăl", "xã Ea Nam", "xã Dliê Yang", "xã Ea Sol", "xã Cư Mốt"],
    "DL-EK": ["thị trấn Ea Kar", "thị trấn Ea Knốp", "xã Cư Huê", "xã Ea Đar", "xã Xuân Phú", "xã Cư Ni"],
    "DL-ES": ["thị trấn Ea Súp", "xã Ea Lê", "xã Cư M'Lan", "xã Ia Lốp", "xã Ya Tờ Mốt", "xã Ea Bung"],
    "DL-KA": ["thị trấn Buôn Trấp", "xã Quảng Điền", "xã Bình Hòa", "xã Dur Kmăl", "xã Ea Na", "xã Dray Sáp"],
    "DL-KBO": ["thị trấn Krông Kmar", "xã Hòa Sơn", "xã Cư Kty", "xã Yang Reh", "xã Cư Pui", "xã Dang Kang"],
    "DL-KBU": ["xã Pơng Drang", "xã Cư Né", "xã Chư Kbô", "xã Ea Ngai", "xã Tân Lập", "xã Cư Pơng"],
    "DL-KN": ["thị trấn Krông Năng", "xã Phú Lộc", "xã Ea Tóh", "xã Tam Giang", "xã Ea Hồ", "xã Phú Xuân"],
    "DL-KP": ["xã Ea Phê", "thị trấn Phước An", "xã Ea Kênh", "xã Hòa An", "xã Ea Kly", "xã Vụ Bổn"],
    "DL-LAK": ["thị trấn Liên Sơn", "xã Đắk Liêng", "xã Buôn Tría", "xã Yang Tao", "xã Bông Krang", "xã Krông Nô"],
    "DL-MD": ["thị trấn M'Đrắk", "xã Krông Jing", "xã Ea Riêng", "xã Cư Króa", "xã Ea Pil", "xã Cư M'ta"],
}

# Grassroots units of the directly-subordinate units (their own kind of names).
DIRECT_UNITS = {
    "DL-KCQ": [
        "Đoàn cơ quan Sở Giáo dục và Đào tạo",
        "Đoàn cơ quan Sở Y tế",
        "Đoàn cơ quan Sở Tài chính",
        "Đoàn Bệnh viện Đa khoa vùng Tây Nguyên",
        "Đoàn cơ quan Văn phòng UBND tỉnh",
    ],
    "DL-KDN": [
        "Đoàn Công ty TNHH MTV Cà phê Thắng Lợi",
        "Đoàn Công ty Điện lực Đắk Lắk",
        "Đoàn Công ty Cổ phần Cấp nước Đắk Lắk",
        "Đoàn Ngân hàng Nông nghiệp chi nhánh Đắk Lắk",
    ],
    "DL-DHTN": ["Đoàn khoa Y Dược", "Đoàn khoa Nông Lâm", "Đoàn khoa Kinh tế", "Đoàn khoa Sư phạm"],
    "DL-CDN": ["Đoàn khoa Cơ khí", "Đoàn khoa Điện – Điện tử", "Đoàn khoa Công nghệ thông tin"],
    "DL-CA": [
        "Đoàn cơ sở Phòng Cảnh sát cơ động",
        "Đoàn cơ sở Công an thành phố Buôn Ma Thuột",
        "Đoàn cơ sở Phòng Cảnh sát giao thông",
    ],
    "DL-QS": [
        "Đoàn cơ sở Trung đoàn 584",
        "Đoàn cơ sở Ban Chỉ huy Quân sự thành phố Buôn Ma Thuột",
        "Đoàn cơ sở Tiểu đoàn Huấn luyện – Cơ động",
    ],
}

BRANCH_NAMES_BY_PLACE = {
    "xã": ["Chi đoàn thôn 1", "Chi đoàn thôn 2", "Chi đoàn thôn 3", "Chi đoàn buôn Ea Kmar", "Chi đoàn buôn Tơng Jú"],
    "thị trấn": [
        "Chi đoàn tổ dân phố 1",
        "Chi đoàn tổ dân phố 2",
        "Chi đoàn tổ dân phố 3",
        "Chi đoàn Công an thị trấn",
        "Chi đoàn Quân sự thị trấn",
    ],
    "phường": [
        "Chi đoàn tổ dân phố 1",
        "Chi đoàn tổ dân phố 2",
        "Chi đoàn tổ dân phố 4",
        "Chi đoàn khối phố 5",
        "Chi đoàn Công an phường",
    ],
    "trường": [
        "Chi đoàn lớp 12A1",
        "Chi đoàn lớp 11A2",
        "Chi đoàn lớp 10A3",
        "Chi đoàn giáo viên",
        "Chi đoàn lớp 12A4",
    ],
    "cơ quan": [
        "Chi đoàn Văn phòng",
        "Chi đoàn Phòng Tổ chức",
        "Chi đoàn Phòng Kế hoạch",
        "Chi đoàn Phòng Chuyên môn",
        "Chi đoàn Đội nghiệp vụ",
    ],
}


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    unit_code: str
    role: str
    superuser: bool = False

    @property
    def two_factor(self) -> bool:
        return self.superuser or self.role in PROVINCE_ROLES

    def totp_uri(self) -> str:
        """The otpauth:// address that adds this account's demo secret to an authenticator app."""
        return TOTPDevice(user=get_user_model()(username=self.username), key=demo_totp_key()).config_url


def demo_totp_key() -> str:
    """DEMO_TOTP_SECRET as django-otp stores keys (hex)."""
    return base64.b32decode(DEMO_TOTP_SECRET).hex()


DEMO_USERS = [
    DemoUser("bithu.eaphe", "H'Linh Niê", "DL-KP-EAPHE", Role.GRASSROOTS_SECRETARY),
    DemoUser("canbo.krongpac", "Nguyễn Văn Hùng", "DL-KP", Role.SUPERIOR_OFFICER),
    DemoUser("canbo.buonmathuot", "Trần Thị Mai", "DL-BMT", Role.SUPERIOR_OFFICER),
    DemoUser("tinhdoan.tckt", "Lê Minh Tuấn", "DL", Role.PROVINCE_COMMITTEE),
    DemoUser("quantri", "Phạm Quốc Bảo", "DL", Role.SYSTEM_ADMIN, superuser=True),
]


def code_part(text: str) -> str:
    """ "xã Ea Phê" → "EAPHE": the place name in capitals without accents or spaces."""
    for prefix in ("thị trấn ", "phường ", "xã "):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    return "".join(ch for ch in search_key(text).upper() if ch.isalnum())


@transaction.atomic
def seed(stdout=None) -> dict:
    """Create whatever part of the demo tree and users is missing; return counts of what was created."""
    created = {"units": 0, "users": 0}
    by_code = {u.code: u for u in Unit.objects.all()}

    def ensure(parent, code, **fields):
        if code in by_code:
            return by_code[code]
        unit = Unit(code=code, **fields)
        unit = Unit.objects.add_child(parent, instance=unit) if parent else Unit.objects.add_root(instance=unit)
        by_code[code] = unit
        created["units"] += 1
        return unit

    with CSV_PATH.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        parent = by_code.get(row["parent_code"]) if row["parent_code"] else None
        ensure(
            parent,
            row["code"],
            unit_type=row["unit_type"],
            name=row["name"],
            short_name=row["short_name"],
            doc_code=row["doc_code"],
            place_name=_place_of(row),
        )

    for district_code, places in PLACES.items():
        _seed_district(ensure, by_code[district_code], places)
    for direct_code, names in DIRECT_UNITS.items():
        _seed_direct(ensure, by_code[direct_code], names)

    root = by_code["DL"]
    Term.objects.get_or_create(unit=root, start_year=2022, defaults={"name": "Nhiệm kỳ 2022 – 2027", "end_year": 2027})
    created["users"] = _seed_users(by_code)
    if stdout:
        stdout.write(f"Dữ liệu mẫu: thêm {created['units']} đơn vị, {created['users']} tài khoản.")
    return created


def _place_of(row) -> str:
    """The place written on the unit's documents: its district's name, or the provincial capital."""
    if row["unit_type"] == UnitType.PROVINCE:
        return "Đắk Lắk"
    if row["unit_type"] == UnitType.DIRECT:
        return "Buôn Ma Thuột"
    return row["name"].split(" ", 2)[-1]


def _seed_district(ensure, district, places):
    rng = random.Random(district.code)  # the same tree on every machine
    count = rng.randint(3, 6)
    chosen = (
        places[:1] + rng.sample(places[1:], min(count, len(places)) - 1)
        if district.code == "DL-KP"
        else rng.sample(places, min(count, len(places)))
    )
    district_place = district.name.split(" ", 2)[-1]
    for place in chosen:
        kind = place.split(" ")[0] if not place.startswith("thị trấn") else "thị trấn"
        unit = ensure(
            district,
            f"{district.code}-{code_part(place)}",
            unit_type=UnitType.GRASSROOTS,
            name=f"Đoàn {place}",
            short_name=f"BCH Đoàn {place}",
            doc_code="ĐTN",
            place_name=place.split(" ", 1)[1] if kind != "thị trấn" else place[len("thị trấn ") :],
        )
        _seed_branches(ensure, unit, kind, rng)
    school = ensure(
        district,
        f"{district.code}-THPT",
        unit_type=UnitType.GRASSROOTS,
        name=f"Đoàn trường THPT {district_place}",
        short_name=f"BCH Đoàn trường THPT {district_place}",
        doc_code="ĐTN",
        place_name=district_place,
    )
    _seed_branches(ensure, school, "trường", rng)


def _seed_direct(ensure, parent, names):
    rng = random.Random(parent.code)
    for index, name in enumerate(names[: rng.randint(3, max(3, len(names)))], start=1):
        unit = ensure(
            parent,
            f"{parent.code}-{index:02d}",
            unit_type=UnitType.GRASSROOTS,
            name=name,
            short_name=f"BCH {name}",
            doc_code="ĐTN",
            place_name="Buôn Ma Thuột",
        )
        _seed_branches(ensure, unit, "cơ quan", rng)


def _seed_branches(ensure, unit, kind, rng):
    names = BRANCH_NAMES_BY_PLACE[kind]
    count = 4 if unit.code == "DL-KP-EAPHE" else rng.randint(2, 5)
    for index, name in enumerate(names[:count], start=1):
        suffix = f"T{index}" if kind == "xã" else f"C{index}"
        ensure(
            unit,
            f"{unit.code}-{suffix}",
            unit_type=UnitType.BRANCH,
            name=name,
            short_name=name,
            doc_code="",
            place_name=unit.place_name,
        )


def _seed_users(by_code) -> int:
    user_model = get_user_model()
    created = 0
    for demo in DEMO_USERS:
        family, _, given = demo.full_name.rpartition(" ")
        user, was_created = user_model.objects.get_or_create(
            username=demo.username,
            defaults={
                "first_name": given,
                "last_name": family,
                "is_superuser": demo.superuser,
                "is_staff": demo.superuser,
            },
        )
        if was_created:
            user.set_password(DEMO_PASSWORD)
            user.save()
            created += 1
        RoleAssignment.objects.get_or_create(user=user, unit=by_code[demo.unit_code], role=demo.role)
        if demo.two_factor and not TOTPDevice.objects.filter(user=user).exists():
            TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, key=demo_totp_key(), confirmed=True)
    return created
