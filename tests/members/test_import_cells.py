"""Cell normalisers of the member import: table-driven, no database."""

import datetime

import pytest

from members.columns import match_header
from members.importing import cells

D = datetime.date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("05/09/2001", D(2001, 9, 5)),
        ("5/9/2001", D(2001, 9, 5)),
        (" 05-09-2001 ", D(2001, 9, 5)),
        ("05.09.2001", D(2001, 9, 5)),
        ("2001-09-05", D(2001, 9, 5)),
        (datetime.datetime(2001, 9, 5), D(2001, 9, 5)),
        (D(2001, 9, 5), D(2001, 9, 5)),
        (37139, D(2001, 9, 5)),  # an Excel serial number
        ("", None),
        (None, None),
    ],
)
def test_dates_are_read_from_text_real_dates_and_serial_numbers(value, expected):
    assert cells.parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("31/02/2000", "Ngày không có thật: 31/02/2000."),
        ("29/02/2023", "Ngày không có thật: 29/02/2023."),
        ("2001", "Không đọc được ngày"),
        ("mùng 5 tháng 9", "Không đọc được ngày"),
        ("05/09/1850", "Năm phải từ 1900"),
    ],
)
def test_impossible_or_unreadable_dates_are_refused_in_vietnamese(value, message):
    with pytest.raises(cells.CellError, match=message):
        cells.parse_date(value)


def test_a_date_in_the_future_is_refused_when_today_is_given():
    with pytest.raises(cells.CellError, match="tương lai"):
        cells.parse_date("01/01/2030", today=D(2026, 1, 1))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("066201000001", "066201000001"),
        (66201000001, "066201000001"),  # typed as a number: the leading zero was lost
        (66201000001.0, "066201000001"),
        ("066 201 000 001", "066201000001"),
        ("'066201000001", "066201000001"),
        (None, None),
        ("  ", None),
    ],
)
def test_cccd_is_twelve_digits_and_gets_back_its_leading_zero(value, expected):
    assert cells.parse_id_number(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [("06620100000A", "chỉ được gồm chữ số"), ("0662010001", "đúng 12 chữ số"), ("0662010000012", "đúng 12")],
)
def test_cccd_with_letters_or_wrong_length_is_refused(value, message):
    with pytest.raises(cells.CellError, match=message):
        cells.parse_id_number(value)


@pytest.mark.parametrize(
    ("value", "expected"), [("Nam", "nam"), ("NỮ", "nu"), ("nu", "nu"), (" nữ ", "nu"), ("", None)]
)
def test_gender_in_any_case_or_spelling(value, expected):
    assert cells.parse_gender(value) == expected


def test_unknown_gender_is_refused():
    with pytest.raises(cells.CellError, match="Nam"):
        cells.parse_gender("khác")


@pytest.mark.parametrize(("value", "expected"), [("Có", True), ("x", True), ("KHÔNG", False), ("", False), (1, True)])
def test_party_member_yes_no(value, expected):
    assert cells.parse_bool(value) is expected


def test_text_loses_extra_spaces_and_our_formula_apostrophe():
    assert cells.clean_text("  Nguyễn   Văn\tAn ") == "Nguyễn Văn An"
    assert cells.clean_text("'=1+2") == "=1+2"
    assert cells.clean_text("'Bình") == "'Bình"


def test_phone_typed_as_a_number_gets_its_zero_back():
    assert cells.parse_phone(912345678) == "0912345678"


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("Họ và tên", "full_name"),
        ("HỌ TÊN", "full_name"),
        ("ho va ten", "full_name"),
        ("Ngày tháng năm sinh", "birth_date"),
        ("Ngày, tháng, năm sinh", "birth_date"),
        ("Nam/Nữ", "gender"),
        ("Số CCCD", "id_number"),
        ("CCCD", "id_number"),
        ("Số căn cước", "id_number"),
        ("Số thẻ ĐV", "card_number"),
        ("  Số   thẻ  ", "card_number"),
        ("Ngày vào Đoàn", "joined_date"),
        ("Ngày vào Đảng", "party_joined_date"),
        ("Đảng viên (Có/Không)", "is_party_member"),
    ],
)
def test_headers_match_whatever_the_case_diacritics_or_variant(header, key):
    assert match_header(header).key == key


def test_unrelated_headers_do_not_match():
    assert match_header("Ghi chú") is None
