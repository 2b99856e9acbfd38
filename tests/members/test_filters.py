"""filter_members: the search and filters of the list page, reused by the Excel export."""

import datetime

import pytest

from members.filters import filter_members, member_list_ids
from members.models import Gender, Member, MemberRating, MemberStatus, RatingLevel
from tests.members.conftest import make_member

TODAY = datetime.date(2026, 11, 27)


def names(params, qs=None):
    qs = Member.objects.all() if qs is None else qs
    return [m.full_name for m in filter_members(qs, params, today=TODAY)]


def list_names(params, units=None):
    """The list page's reading of the same set: ids and sort keys from the index ranges, in order."""
    ids = [pk for pk, _ in member_list_ids(units, params, today=TODAY)[0:1000]]
    by_id = Member.objects.in_bulk(ids)
    return [by_id[pk].full_name for pk in ids]


@pytest.fixture
def people(world):
    u = world.units
    for name in ["Nguyễn Văn An", "Nguyễn Văn Anh", "Đặng Thị Mai", "Trần Đăng Khoa", "Lê Văn Ân", "Phạm Quốc Dũng"]:
        make_member(u.eaphe_t1, name)
    make_member(u.eakenh_t1, "Nguyễn Thị An", gender=Gender.FEMALE)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nguyen van an", ["Nguyễn Văn An", "Nguyễn Văn Anh"]),
        ("Nguyễn Văn An", ["Nguyễn Văn An", "Nguyễn Văn Anh"]),
        ("NGUYEN VAN AN", ["Nguyễn Văn An", "Nguyễn Văn Anh"]),
        ("dang", ["Đặng Thị Mai"]),
        ("dang khoa", ["Trần Đăng Khoa"]),
        ("an", ["Nguyễn Thị An", "Nguyễn Văn An", "Nguyễn Văn Anh", "Lê Văn Ân"]),
        ("nguyen an", ["Nguyễn Thị An", "Nguyễn Văn An", "Nguyễn Văn Anh"]),
        ("van an", ["Nguyễn Văn An", "Nguyễn Văn Anh", "Lê Văn Ân"]),
        ("dung", ["Phạm Quốc Dũng"]),
        ("xyz", []),
    ],
)
def test_name_search_ignores_diacritics_and_case(people, query, expected):
    assert sorted(names({"q": query})) == sorted(expected)
    # The list page reads the same members, in the same order, from the index ranges alone.
    assert list_names({"q": query}) == names({"q": query})


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("an", ["An Văn An", "Nguyễn Văn An"]),
        ("an van", ["An Văn An"]),
        ("an van an", ["An Văn An", "Nguyễn Văn An"]),
        ("van an", ["An Văn An", "Nguyễn Văn An"]),
    ],
)
def test_a_name_matching_two_ways_is_listed_and_counted_once(world, query, expected):
    # "An Văn An" begins with "an van an" and its given name begins with "an": two ranges, one member.
    make_member(world.units.eaphe_t1, "An Văn An")
    make_member(world.units.eaphe_t1, "Nguyễn Văn An")
    assert sorted(list_names({"q": query})) == expected
    assert sorted(names({"q": query})) == expected
    assert member_list_ids(None, {"q": query}).count_up_to(100) == len(expected)


@pytest.mark.parametrize("query", ["ayun", "Ayŭn", "AYUN", "h mai ayun", "ay"])
def test_minority_letters_are_found_from_their_base_letter(world, query):
    make_member(world.units.eaphe_t1, "H Mai Ayŭn")
    make_member(world.units.eaphe_t1, "Y Kĕn Ñuôl")
    assert names({"q": query}) == ["H Mai Ayŭn"]


@pytest.mark.parametrize("query", ["nuol", "ñuôl", "ken nuol", "y ken"])
def test_breve_and_n_tilde_letters_match_without_their_marks(world, query):
    make_member(world.units.eaphe_t1, "Y Kĕn Ñuôl")
    assert names({"q": query}) == ["Y Kĕn Ñuôl"]


def test_a_middle_name_alone_does_not_match(people):
    # Kept out on purpose: every match must come from an index on a roll of millions (see members/filters.py).
    assert "Trần Đăng Khoa" not in names({"q": "dang"})


def test_results_come_in_vietnamese_order(people):
    assert names({}) == [
        "Nguyễn Thị An",
        "Nguyễn Văn An",
        "Nguyễn Văn Anh",
        "Lê Văn Ân",
        "Phạm Quốc Dũng",
        "Trần Đăng Khoa",
        "Đặng Thị Mai",
    ]


def test_search_by_id_number_or_card_number(world, roll):
    assert names({"q": "066200000001"}) == ["Nguyễn Văn An"]
    assert names({"q": "DV-001"}) == ["Nguyễn Văn An"]
    assert names({"q": "066200000000"}) == []
    assert list_names({"q": "DV-001"}) == ["Nguyễn Văn An"]


def test_a_card_number_equal_to_the_cccd_is_listed_once(world):
    make_member(world.units.eaphe_t1, "Lê Thị Hoa", id_number="066200000009", card_number="066200000009")
    assert list_names({"q": "066200000009"}) == names({"q": "066200000009"}) == ["Lê Thị Hoa"]


def test_unit_filter_takes_the_whole_subtree(world, roll):
    assert sorted(names({"don_vi": world.units.eaphe.pk})) == ["Nguyễn Văn An", "Trần Thị Bình", "Đặng Văn Đức"]
    assert names({"don_vi": world.units.eaphe_t2.pk}) == ["Đặng Văn Đức"]
    assert names({"don_vi": 999999}) == []


def test_filters_by_gender_ethnicity_religion_and_party(world, roll):
    assert names({"gioi_tinh": "nu", "don_vi": world.units.kp.pk}) == ["Trần Thị Bình", "H'Hen Niê"]
    assert names({"dan_toc": "Ê Đê"}) == ["Trần Thị Bình", "H'Hen Niê"]
    assert names({"ton_giao": "tin lành"}) == ["Trần Thị Bình"]
    assert names({"dang_vien": "co"}) == ["Đặng Văn Đức"]
    assert len(names({"dang_vien": "khong"})) == 4


def test_status_defaults_to_active_and_tat_ca_shows_everyone(world, roll):
    roll.binh.status = MemberStatus.MATURED
    roll.binh.save()
    assert "Trần Thị Bình" not in names({})
    assert names({"trang_thai": "truong_thanh"}) == ["Trần Thị Bình"]
    assert len(names({"trang_thai": "tat_ca"})) == 5


def test_age_band_uses_whole_years_on_the_day(world):
    make_member(world.units.eaphe_t1, "Lê Văn Mười Tám", birth_date=datetime.date(2008, 11, 27))
    make_member(world.units.eaphe_t1, "Lê Văn Mười Bảy", birth_date=datetime.date(2008, 11, 28))
    make_member(world.units.eaphe_t1, "Lê Văn Ba Mốt", birth_date=datetime.date(1995, 11, 27))
    assert names({"tuoi": "19-25"}) == []
    assert sorted(names({"tuoi": "16-18"})) == ["Lê Văn Mười Bảy", "Lê Văn Mười Tám"]
    assert names({"tuoi": "tren-30"}) == ["Lê Văn Ba Mốt"]


def test_rating_filter_of_a_year(world, roll):
    MemberRating.objects.create(member=roll.an, year=2025, level=RatingLevel.EXCELLENT, unit=world.units.eaphe_t1)
    assert names({"xep_loai": "htxs", "nam": 2025}) == ["Nguyễn Văn An"]
    # The year defaults to the current rating year: 2026 from October 2026 on, as on the rating sheet.
    assert names({"xep_loai": "htxs"}) == []
    assert names({"xep_loai": "htxs", "nam": 2026}) == []
    assert names({"xep_loai": "htxs", "nam": 2024}) == []
    assert "Nguyễn Văn An" not in names({"xep_loai": "chua_xep_loai", "nam": 2025})


def test_invalid_parameters_are_ignored_one_by_one(world, roll):
    assert names({"gioi_tinh": "khac", "dan_toc": "Ê Đê", "tuoi": "abc", "nam": "x"}) == ["Trần Thị Bình", "H'Hen Niê"]


def test_filters_keep_the_callers_scope(world, roll):
    scoped = Member.objects.visible_to(world.outsider)
    assert names({"don_vi": world.units.eaphe.pk}, scoped) == []
    assert names({}, scoped) == ["Lê Văn Cường"]


def test_quality_flag_filters(world, roll):
    assert names({"loi": "tren-30"}) == ["Đặng Văn Đức"]
    roll.kenh.joined_date = None
    roll.kenh.save()
    assert names({"loi": "thieu-thong-tin"}) == ["H'Hen Niê"]


def test_the_spellings_of_a_letter_have_neighbouring_codes():
    """given_name_prefix_branches covers every spelling of a word's last letter with one range of codes."""
    from common.vietnamese import ALPHABET, MINORITY_LETTERS, letter_key
    from members.filters import _DIACRITIC_VARIANTS

    every_letter = [*ALPHABET, *MINORITY_LETTERS]
    for letters in _DIACRITIC_VARIANTS.values():
        codes = sorted(letter_key(letter) for letter in letters)
        between = {other for other in every_letter if codes[0] <= letter_key(other) <= codes[-1] + "z"}
        assert between == set(letters)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("la", ["Lan", "Lăng", "Lâm"]),
        ("lu", ["Lụa", "Lŭk", "Lưu"]),
        ("lan", ["Lan", "Lăng"]),
        ("lâ", ["Lan", "Lăng", "Lâm"]),
        ("ne", ["Nem", "Nĕh", "Nết"]),
        ("ngu", ["Ngữ", "Ngự"]),
    ],
)
def test_a_given_name_prefix_takes_every_spelling_of_its_last_letter_and_nothing_beside(world, query, expected):
    for given in [
        "Lan",
        "Lăng",
        "Lâm",
        "Lba",
        "Lo",
        "Lụa",
        "Lŭk",
        "Lưu",
        "Lva",
        "Nem",
        "Nĕh",
        "Nết",
        "Ngự",
        "Ngữ",
        "Ngơ",
    ]:
        make_member(world.units.eaphe_t1, f"Trần Văn {given}")
    found = [name.split()[-1] for name in names({"q": query})]
    assert found == expected
    assert [name.split()[-1] for name in list_names({"q": query})] == expected
