"""Members on the shared world: a few in Ea Phê (Krông Pắc), one in Ea Kênh, one in Tân Lợi (Buôn Ma Thuột)."""

import datetime
from types import SimpleNamespace

import pytest

from members.models import Gender, Member


def make_member(unit, full_name, **fields):
    defaults = {
        "birth_date": datetime.date(2000, 5, 17),
        "gender": Gender.MALE,
        "ethnicity": "Kinh",
        "joined_date": datetime.date(2015, 3, 26),
    }
    return Member.objects.create(unit=unit, full_name=full_name, **{**defaults, **fields})


@pytest.fixture
def roll(world):
    u = world.units
    return SimpleNamespace(
        an=make_member(u.eaphe_t1, "Nguyễn Văn An", id_number="066200000001", card_number="DV-001"),
        binh=make_member(u.eaphe_t1, "Trần Thị Bình", gender=Gender.FEMALE, ethnicity="Ê Đê", religion="Tin Lành"),
        dang=make_member(u.eaphe_t2, "Đặng Văn Đức", birth_date=datetime.date(1990, 1, 2), is_party_member=True),
        kenh=make_member(u.eakenh_t1, "H'Hen Niê", gender=Gender.FEMALE, ethnicity="Ê Đê"),
        tanloi=make_member(u.tanloi_c1, "Lê Văn Cường", id_number="066200000009"),
    )
