"""The official document base: header blocks, number and date lines, the static-only PDF renderer and its font."""

import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.test import override_settings

from common.documents import (
    BLANK_NUMBER,
    DocumentHeader,
    DocumentSignature,
    StaticOnlyFetchError,
    committee_signature,
    date_line,
    document_header,
    document_number,
    format_code,
    issuing_department,
    new_verification_code,
    parse_code,
    render_pdf,
    signing_body,
    static_file_path,
)
from tests.pdf import pdf_fonts, pdf_text

SPECIMEN_TEMPLATES = [
    {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], Path(__file__).parent / "templates"]}
]
SAMPLE = "Đắk Lắk, Krông Pắc, Ơ Ư ữ ỹ ặ"


@pytest.mark.parametrize(
    ("number", "doc_type", "issuer", "department", "expected"),
    [
        (12, "QĐ", "ĐTN", "", "12-QĐ/ĐTN"),
        ("78", "HD", "TĐTN", "TCKT", "78-HD/TĐTN-TCKT"),
        ("11a", "HD", "TĐTN", "TCKT", "11a-HD/TĐTN-TCKT"),
        ("03", "HD", "ĐTN", "", "03-HD/ĐTN"),
        ("", "KH", "ĐTN", "", f"{BLANK_NUMBER}-KH/ĐTN"),
        (None, "QĐ", "TĐTN", " VP ", f"{BLANK_NUMBER}-QĐ/TĐTN-VP"),
    ],
)
def test_document_number(number, doc_type, issuer, department, expected):
    assert document_number(number, doc_type, issuer, department) == expected


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (datetime.date(2027, 1, 5), "Krông Pắc, ngày 05 tháng 01 năm 2027"),
        (datetime.date(2026, 2, 9), "Krông Pắc, ngày 09 tháng 02 năm 2026"),
        (datetime.date(2026, 3, 1), "Krông Pắc, ngày 01 tháng 3 năm 2026"),
        (datetime.date(2026, 12, 15), "Krông Pắc, ngày 15 tháng 12 năm 2026"),
        (datetime.date(2026, 10, 10), "Krông Pắc, ngày 10 tháng 10 năm 2026"),
        (datetime.date(2026, 9, 30), "Krông Pắc, ngày 30 tháng 9 năm 2026"),
    ],
)
def test_date_line_keeps_leading_zero_for_days_below_10_and_months_01_02(date, expected):
    assert date_line("Krông Pắc", date) == expected


def test_date_line_without_date_leaves_room_to_write_it():
    assert date_line("Đắk Lắk", None) == f"Đắk Lắk, ngày {BLANK_NUMBER} tháng {BLANK_NUMBER} năm {BLANK_NUMBER}"


def test_header_of_district_carries_superior_line(world):
    header = document_header(world.units.kp, number=12, date=datetime.date(2027, 1, 5))
    assert header.superior_line == "TỈNH ĐOÀN ĐẮK LẮK"
    assert header.issuer_line == "BCH HUYỆN ĐOÀN KRÔNG PẮC"
    assert header.number_line == "Số: 12-QĐ/ĐTN"
    assert header.right_title == "ĐOÀN TNCS HỒ CHÍ MINH"
    assert header.place_date_line == "Krông Pắc, ngày 05 tháng 01 năm 2027"
    assert header.left_lines == ["TỈNH ĐOÀN ĐẮK LẮK", "BCH HUYỆN ĐOÀN KRÔNG PẮC", "***", "Số: 12-QĐ/ĐTN"]


def test_header_of_province_has_no_superior_line(world):
    province = world.units.province
    province.short_name, province.doc_code = "BCH Đoàn tỉnh Đắk Lắk", "TĐTN"
    header = document_header(province, doc_type="HD", number="78", department="TCKT", date=datetime.date(2018, 7, 9))
    assert header.left_lines == ["BCH ĐOÀN TỈNH ĐẮK LẮK", "***", "Số: 78-HD/TĐTN-TCKT"]
    assert header.place_date_line == "Đắk Lắk, ngày 09 tháng 7 năm 2018"


def test_header_of_grassroots_unit_names_its_direct_parent(world):
    header = document_header(world.units.eaphe, doc_type="BC", number="5", date=datetime.date(2026, 12, 1))
    assert header.superior_line == "HUYỆN ĐOÀN KRÔNG PẮC"
    assert header.issuer_line == "BCH ĐOÀN XÃ EA PHÊ"
    assert header.place_date_line == "Ea Phê, ngày 01 tháng 12 năm 2026"


def test_header_date_defaults_to_today(world, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: datetime.date(2026, 2, 3))
    assert document_header(world.units.kp).place_date_line == "Krông Pắc, ngày 03 tháng 02 năm 2026"


def test_static_fetch_serves_only_project_static_files():
    font = static_file_path("http://portal.invalid/static/vendor/fonts/tinos/tinos-latin-400-normal.woff2")
    assert Path(font).is_file()
    for url in [
        "https://fonts.googleapis.com/css?family=Tinos",
        "http://example.com/static/vendor/fonts/tinos/tinos-latin-400-normal.woff2",
        "file:///etc/passwd",
        "http://portal.invalid/media/secret.pdf",
        "http://portal.invalid/static/../../config/settings.py",
        "http://portal.invalid/static/khong-co.css",
        "http://portal.invalid/static//etc/passwd",
        "http://portal.invalid/static/%2e%2e/%2e%2e/manage.py",
    ]:
        with pytest.raises(StaticOnlyFetchError):
            static_file_path(url)


def _render_specimen(tmp_path, body_extra=""):
    header = DocumentHeader(
        superior_line="TỈNH ĐOÀN ĐẮK LẮK",
        issuer_line="BCH HUYỆN ĐOÀN KRÔNG PẮC",
        separator="***",
        number_line="Số: 12-QĐ/ĐTN",
        right_title="ĐOÀN TNCS HỒ CHÍ MINH",
        place_date_line=date_line("Krông Pắc", datetime.date(2027, 1, 5)),
    )
    signature = DocumentSignature("BÍ THƯ", "TM. BAN THƯỜNG VỤ", "Nguyễn Thị Ữ", ("Như Điều 3;", "Lưu VP."))
    with override_settings(TEMPLATES=SPECIMEN_TEMPLATES):
        return render_pdf(
            "specimen/fonts_pdf.html",
            {"header": header, "signature": signature, "sample": SAMPLE, "extra": body_extra},
        )


def test_pdf_embeds_tinos_and_no_other_font(tmp_path):
    pdf = _render_specimen(tmp_path)
    assert pdf.startswith(b"%PDF")
    rows = pdf_fonts(pdf, tmp_path)
    assert rows, "the PDF has no fonts"
    names = [row.split()[0] for row in rows]
    assert all("+Tinos-" in name for name in names), names
    assert all(row.split()[-5] == "yes" for row in rows), rows  # the "emb" column
    assert {"Regular", "Bold", "Italic", "Bold-Italic"} <= {_style(name) for name in names}


def _style(name: str) -> str:
    rest = name.split("+Tinos-", 1)[1]
    for subset in ("Latin-Ext", "Latin", "Vietnamese"):
        rest = rest.removeprefix(subset).lstrip("-")
    return rest or "Regular"


def test_pdf_text_keeps_every_vietnamese_mark(tmp_path):
    text = pdf_text(_render_specimen(tmp_path))
    assert SAMPLE in text
    assert "BCH HUYỆN ĐOÀN KRÔNG PẮC" in text
    assert "Krông Pắc, ngày 05 tháng 01 năm 2027" in text
    assert "Nơi nhận:" in text and "Nguyễn Thị Ữ" in text
    assert "1/1" in text  # the page number at the foot


def test_pdf_refuses_to_fetch_anything_but_static_files(tmp_path):
    from weasyprint.urls import FatalURLFetchingError

    with pytest.raises(FatalURLFetchingError):
        _render_specimen(tmp_path, body_extra="https://example.com/logo.png")


@pytest.mark.parametrize(
    ("name", "depth", "body"),
    [
        ("Tỉnh đoàn Đắk Lắk", 1, "TỈNH ĐOÀN"),
        ("Huyện đoàn Krông Pắc", 2, "HUYỆN ĐOÀN"),
        ("Thành đoàn Buôn Ma Thuột", 2, "THÀNH ĐOÀN"),
        ("Thị đoàn Buôn Hồ", 2, "THỊ ĐOÀN"),
        ("Đoàn Khối các cơ quan tỉnh", 2, "ĐOÀN KHỐI"),
        ("Đoàn Thanh niên Công an tỉnh", 2, "ĐOÀN THANH NIÊN CÔNG AN TỈNH"),
        ("Đoàn trường Đại học Tây Nguyên", 2, "ĐOÀN TRƯỜNG ĐẠI HỌC TÂY NGUYÊN"),
    ],
)
def test_signing_body_names_the_kind_or_the_whole_name_never_a_cut_one(name, depth, body):
    unit = SimpleNamespace(name=name, depth=depth)
    assert signing_body(unit) == body


def test_committee_signature_adds_the_deputys_line():
    unit = SimpleNamespace(name="Huyện đoàn Krông Pắc", depth=2)
    secretary = committee_signature(unit, position="Bí thư", signer_name="A", recipients=["Như Điều 3;"])
    assert secretary == DocumentSignature("BÍ THƯ", "TM. BAN THƯỜNG VỤ HUYỆN ĐOÀN", "A", ("Như Điều 3;",))
    deputy = committee_signature(unit, position="PHÓ BÍ THƯ", signer_name="B")
    assert (deputy.on_behalf, deputy.position) == ("TM. BAN THƯỜNG VỤ HUYỆN ĐOÀN\nKT. BÍ THƯ", "PHÓ BÍ THƯ")
    certificate = committee_signature(unit, position="PHÓ BÍ THƯ", signer_name="B", committee="BAN CHẤP HÀNH")
    assert certificate.on_behalf == "TM. BAN CHẤP HÀNH HUYỆN ĐOÀN\nKT. BÍ THƯ"


def test_issuing_department_is_the_provinces_tckt_only():
    assert issuing_department(SimpleNamespace(depth=1)) == "TCKT"
    assert issuing_department(SimpleNamespace(depth=2)) == ""


def test_a_verification_code_reads_back_from_what_is_printed_or_typed():
    code = new_verification_code()
    assert len(code) == 12 and parse_code(format_code(code)) == code
    assert parse_code(f" {format_code(code).lower()} ") == code
    assert parse_code("7K29 QXAB CDEF") == "7K29QXABCDEF"
    for wrong in ["", "7K29-QXAB", "7K29-QXAB-CDEU", "7K29-QXAB-CDEF-0"]:
        assert parse_code(wrong) is None


def _word_heights(pdf: bytes, tmp_path) -> dict[str, float]:
    """The height of each word's box on page 1 (pdftotext -bbox): proportional to its font size."""
    import re
    import subprocess

    from tests.pdf import poppler

    path = tmp_path / "words.pdf"
    path.write_bytes(pdf)
    out = subprocess.run([poppler("pdftotext"), "-bbox", "-f", "1", "-l", "1", str(path), "-"], capture_output=True)
    heights = {}
    for y_min, y_max, word in re.findall(
        r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]+)<', out.stdout.decode()
    ):
        heights.setdefault(word, float(y_max) - float(y_min))
    return heights


def test_issuer_lines_are_14_pt_and_the_right_title_15_pt(tmp_path):
    """The left block's lines as the body text, the right title a point larger (the place and date stay 13 pt)."""
    heights = _word_heights(_render_specimen(tmp_path), tmp_path)
    body = heights["QUYẾT"]  # the document's 14 pt text
    for word in ("BCH", "PẮC", "***", "12-QĐ/ĐTN"):
        assert heights[word] == pytest.approx(body, rel=0.01), word
    assert heights["TNCS"] == pytest.approx(body * 15 / 14, rel=0.01)
