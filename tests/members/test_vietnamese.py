"""common.vietnamese: name splitting and the Vietnamese collation key (pure functions, no database)."""

import pytest

from common.vietnamese import collation_key, phrase_key, split_name


@pytest.mark.parametrize(
    ("full_name", "parts"),
    [
        ("Nguyễn Văn An", ("Nguyễn", "Văn", "An")),
        ("  Trần   Thị Thu  Hà ", ("Trần", "Thị Thu", "Hà")),
        ("Lê Ăn", ("Lê", "", "Ăn")),
        ("Hòa", ("", "", "Hòa")),
        ("", ("", "", "")),
        # Decomposed input (macOS, some keyboards) is stored composed.
        ("Nguye\u0302\u0303n Văn An", ("Nguyễn", "Văn", "An")),
    ],
)
def test_split_name_takes_first_word_as_family_and_last_as_given(full_name, parts):
    assert split_name(full_name) == parts


@pytest.mark.parametrize(
    ("earlier", "later", "why"),
    [
        ("Trần Văn An", "Nguyễn Văn Bình", "the given name decides first"),
        ("Nguyễn Văn An", "Nguyễn Văn Anh", "a shorter given name that is a prefix comes first"),
        ("Nguyễn Đức Dũng", "Hoàng Văn Dũng", "same given name: the middle name decides"),
        ("Đặng Văn Bình", "Nguyễn Văn Bình", "same given and middle name: the family name decides"),
        ("Lê An", "Lê Ăn", "a before ă"),
        ("Lê Ăn", "Lê Ân", "ă before â"),
        ("Lê Ân", "Lê Bảo", "â before b"),
        ("Lê Dung", "Lê Đào", "d before đ, whatever follows"),
        ("Lê Đức", "Lê Em", "đ before e"),
        ("Lê Em", "Lê Ênh", "e before ê"),
        ("Lê Ô", "Lê Ơ", "ô before ơ"),
        ("Lê Uy", "Lê Ưng", "u before ư"),
        ("Lê Ưng", "Lê Vinh", "ư before v"),
        ("Lê Xuân", "Lê Yến", "x before y"),
        ("Lê Ba", "Lê Bà", "ngang before huyền"),
        ("Lê Bà", "Lê Bả", "huyền before hỏi"),
        ("Lê Bả", "Lê Bã", "hỏi before ngã"),
        ("Lê Bã", "Lê Bá", "ngã before sắc"),
        ("Lê Bá", "Lê Bạ", "sắc before nặng"),
        ("Lê Bạ", "Lê Bac", "letters outrank tones"),
        ("Lê Thị An", "Lê Thị Mai An", "fewer middle words first when the first one ties"),
        ("NGUYỄN VĂN AN", "nguyễn văn anh", "case does not matter"),
        ("H Mai Ayun", "H Mai Ayŭn", "u before ŭ"),
        ("H Mai Ayuy", "H Mai Ayŭn", "ŭ comes after every word that goes on with u"),
        ("H Mai Ayŭn", "H Mai Ayưn", "ŭ before ư"),
        ("Y Bih Ken", "Y Bih Kĕn", "e before ĕ"),
        ("Y Bih Kĕn", "Y Bih Kên", "ĕ before ê"),
        ("Y Bih Kot", "Y Bih Kŏt", "o before ŏ"),
        ("Y Bih Kŏt", "Y Bih Kôt", "ŏ before ô"),
        ("Y Bih Kiz", "Y Bih Kĭ", "i before ĭ"),
        ("Y Bih Kĭ", "Y Bih Ky", "ĭ before k"),
        ("H Nun", "H Ñun", "n before ñ"),
        ("H Ñun", "H Oanh", "ñ before o"),
    ],
)
def test_collation_key_orders_names_the_vietnamese_way(earlier, later, why):
    assert collation_key(earlier) < collation_key(later), why


@pytest.mark.parametrize(
    ("name", "without_the_letter"),
    [("H Mai Ayŭn", "H Mai Ayn"), ("Y Kĕn", "Y Kn"), ("Y Kŏt", "Y Kt"), ("Y Mĭk", "Y Mk"), ("H Ñun", "H Un")],
)
def test_collation_key_keeps_every_letter_of_minority_names(name, without_the_letter):
    assert collation_key(name) != collation_key(without_the_letter)
    assert collation_key(name).startswith(collation_key(name.split()[-1])[:2])


def test_n_with_a_tilde_is_a_letter_not_a_tone():
    assert collation_key("H Ñun") != collation_key("H Nũn")
    assert collation_key("H Ñun")[-3:] == collation_key("H Nun")[-3:]  # the same (level) tones


def test_collation_key_ignores_case_spacing_and_composition():
    key = collation_key("Nguyễn Văn An")
    assert collation_key("  NGUYỄN  văn an ") == key
    assert collation_key("Nguye\u0302\u0303n Văn An") == key


def test_collation_key_uses_only_plain_digits_and_letters():
    key = collation_key("H'Hen Niê Kđăm Mlô")
    assert key and all(ch in "0123456789abcdefghijklmnopqrstuvwxyz" for ch in key)
    assert collation_key("") == ""
    assert len(collation_key("Nguyễn " * 60 + "An")) <= 300


def test_sorted_roll_matches_the_hand_sorted_one():
    roll = ["Trần Thị Ân", "Nguyễn Văn Anh", "Lê Ăn", "Nguyễn Văn An", "Phạm Đức Dũng", "Lê Thị Đào", "Hoàng Văn Dũng"]
    expected = [
        "Nguyễn Văn An",
        "Nguyễn Văn Anh",
        "Lê Ăn",
        "Trần Thị Ân",
        "Phạm Đức Dũng",
        "Hoàng Văn Dũng",
        "Lê Thị Đào",
    ]
    assert sorted(roll, key=collation_key) == expected


def test_phrase_key_orders_unit_names_from_their_first_word():
    names = [
        "Thị đoàn Buôn Hồ",
        "Đoàn Khối Doanh nghiệp tỉnh",
        "Huyện đoàn Lắk",
        "Thành đoàn Buôn Ma Thuột",
        "Đoàn Khối các cơ quan tỉnh",
        "Huyện đoàn Ea Súp",
        "huyện đoàn Cư M'gar",
    ]
    # đ comes after d and before e, so "Đoàn Khối …" before "Huyện đoàn …"; "các" before "Doanh" whatever the case.
    assert sorted(names, key=phrase_key) == [
        "Đoàn Khối các cơ quan tỉnh",
        "Đoàn Khối Doanh nghiệp tỉnh",
        "huyện đoàn Cư M'gar",
        "Huyện đoàn Ea Súp",
        "Huyện đoàn Lắk",
        "Thành đoàn Buôn Ma Thuột",
        "Thị đoàn Buôn Hồ",
    ]
    assert phrase_key("") == "" and phrase_key("  Huyện  đoàn Lắk ") == phrase_key("Huyện đoàn Lắk")
