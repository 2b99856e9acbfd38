"""The recognition decision's documents: context, PDF text, Excel, and the export command, which lists exactly the
units that export_results shows with a level under the issuing unit."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from evaluations.commendations import contexts
from tests.pdf import pdf_text

from ..recognition_world import EXCELLENT, REACHED, closed_year, issue
from .test_exports import BASE, flat_text, pdf_pages


@pytest.fixture
def decision(world):
    return issue(world, closed_year(world))


def test_context_lists_the_recognised_units_with_their_levels(decision):
    context = contexts.recognition_context(decision, base_url=BASE)
    assert [(r.position, r.unit_name, r.level_name, r.total_text) for r in context["rows"]] == [
        (1, "Đoàn xã Ea Phê", EXCELLENT, "92"),
        (2, "Đoàn xã Ea Kênh", REACHED, "80,5"),
    ]
    assert context["articles"][0] == (
        "Điều 1.",
        "Công nhận 02 đơn vị đạt “Đoàn cơ sở 3 chủ động” năm 2025 (có danh sách kèm theo), trong đó: "
        "01 đơn vị mức Xuất sắc, 01 đơn vị mức Đạt.",
    )
    assert context["grounds"][-2:] == [
        "Căn cứ kết quả tự đánh giá và thẩm định “Đoàn cơ sở 3 chủ động” năm 2025 của các cơ sở Đoàn;",
        "Xét đề nghị của Văn phòng Huyện đoàn Krông Pắc,",
    ]
    assert context["signature"].on_behalf == "TM. BAN THƯỜNG VỤ HUYỆN ĐOÀN"
    assert context["signature"].recipients == (
        "Như Điều 3;",
        "Ban Thường vụ Tỉnh đoàn (để báo cáo);",
        "Lưu VP.",
    )
    assert context["verification_url"] == f"{BASE}danh-gia/xac-minh/?ma={decision.verification_code}"


def test_a_deputy_signs_for_the_secretary(world):
    decision = issue(world, closed_year(world), signer_position="PHÓ BÍ THƯ", signer_name="Trần Văn Bình")
    context = contexts.recognition_context(decision, base_url=BASE)
    assert context["signature"].on_behalf == "TM. BAN THƯỜNG VỤ HUYỆN ĐOÀN\nKT. BÍ THƯ"
    body = contexts.render_recognition_pdf(context)
    text = pdf_text(body)
    lines = ["TM. BAN THƯỜNG VỤ HUYỆN ĐOÀN", "KT. BÍ THƯ", "PHÓ BÍ THƯ", "Trần Văn Bình"]
    positions = [text.index(line) for line in lines]
    assert positions == sorted(positions)  # one under the other in the signature block


def test_decision_pdf_text_follows_the_document_format(decision):
    context = contexts.recognition_context(decision, base_url=BASE)
    body = contexts.render_recognition_pdf(context)
    text, flat = pdf_text(body, layout=True), flat_text(body)
    for line in [
        "TỈNH ĐOÀN ĐẮK LẮK",
        "BCH HUYỆN ĐOÀN KRÔNG PẮC",
        "ĐOÀN TNCS HỒ CHÍ MINH",
        "Số: 12-QĐ/ĐTN",
        "Krông Pắc, ngày 20 tháng 01 năm 2026",
        "QUYẾT ĐỊNH",
        "Về việc công nhận các đơn vị đạt “Đoàn cơ sở 3 chủ động” năm 2025",
        "BAN THƯỜNG VỤ HUYỆN ĐOÀN KRÔNG PẮC",
        "- Căn cứ Điều lệ Đoàn TNCS Hồ Chí Minh;",
        "- Căn cứ Hướng dẫn số 18-HD/TWĐTN-BTC",
        "- Căn cứ kết quả tự đánh giá và thẩm định “Đoàn cơ sở 3 chủ động” năm 2025 của các cơ sở Đoàn;",
        "QUYẾT ĐỊNH:",
        "Điều 1. Công nhận 02 đơn vị đạt “Đoàn cơ sở 3 chủ động” năm 2025",
        "Điều 2.",
        "Điều 3. Văn phòng Huyện đoàn Krông Pắc và các đơn vị có tên tại Điều 1",
        "Nơi nhận:",
        "TM. BAN THƯỜNG VỤ HUYỆN ĐOÀN",
        "Nguyễn Văn Hùng",
        "DANH SÁCH",
        "Đơn vị đạt “Đoàn cơ sở 3 chủ động” năm 2025",
        "(Kèm theo Quyết định số 12-QĐ/ĐTN ngày 20/01/2026 của Ban Thường vụ Huyện đoàn Krông Pắc)",
        f"Mã xác minh: {context['verification_code']}",
    ]:
        assert line in flat, line
    assert "DỰ THẢO" not in text and "Đơn vị cấp trên" not in text and "KT. BÍ THƯ" not in text
    rows = [" ".join(line.split()) for line in text.splitlines() if line.strip()[:2] in ("1 ", "2 ")]
    assert rows == [
        "1 Đoàn xã Ea Phê 92 Đạt “Đoàn cơ sở 3 chủ động” – Xuất sắc",
        "2 Đoàn xã Ea Kênh 80,5 Đạt “Đoàn cơ sở 3 chủ động”",
    ]
    assert pdf_pages(body) == 2


def test_the_province_decision_names_its_department(world):
    decision = issue(world, closed_year(world), issuer=world.units.province, by=world.province, decision_number="5")
    body = contexts.render_recognition_pdf(contexts.recognition_context(decision, base_url=BASE))
    flat, text = flat_text(body), pdf_text(body, layout=True)
    assert "Số: 5-QĐ/ĐTN-TCKT" in flat and "Đắk Lắk, ngày 20 tháng 01 năm 2026" in flat
    assert "TM. BAN THƯỜNG VỤ TỈNH ĐOÀN" in flat and "Xét đề nghị của Ban Tổ chức – Kiểm tra Tỉnh đoàn," in flat
    assert "Công nhận 01 đơn vị đạt “Đoàn cơ sở 3 chủ động” năm 2025 (có danh sách kèm theo). Điều 2." in flat
    assert "Lưu VP, TCKT." in flat and "để báo cáo" not in flat
    assert any(" ".join(line.split()).startswith("1 Đoàn trường Cao đẳng Y tế 85 Đạt") for line in text.splitlines())


def test_excel_has_the_title_lines_and_the_list(decision):
    context = contexts.recognition_context(decision, base_url=BASE)
    sheet = load_workbook(io.BytesIO(contexts.render_recognition_xlsx(context))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "DANH SÁCH ĐƠN VỊ ĐẠT “ĐOÀN CƠ SỞ 3 CHỦ ĐỘNG” NĂM 2025"
    assert rows[1][0] == context["list_reference"]
    assert rows[2][0] == f"Mã xác minh: {context['verification_code']}"
    header = rows.index(("STT", "Mã đơn vị", "Tên đơn vị", "Điểm thẩm định", "Mức kết quả"))
    assert rows[header + 1 :] == [
        (1, "DL-KP-EAPHE", "Đoàn xã Ea Phê", 92, EXCELLENT),
        (2, "DL-KP-EAKENH", "Đoàn xã Ea Kênh", 80.5, REACHED),
    ]
    assert sheet.freeze_panes == f"A{header + 2}"


def export(tmp_path, name, *args):
    out = tmp_path / name
    call_command(*args, "-o", str(out), stdout=io.StringIO())
    return out


def recognised_in_results(tmp_path, unit):
    """The codes export_results shows with a level whose direct superior is `unit`."""
    sheet = load_workbook(export(tmp_path, "kq.xlsx", "export_results", "--year", "2025", "--unit", unit.code)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = next(i for i, row in enumerate(rows) if row and row[0] == "STT")
    columns = rows[header]
    code, superior, level = (columns.index(c) for c in ("Mã đơn vị", "Đơn vị cấp trên trực tiếp", "Mức kết quả"))
    return sorted(
        row[code]
        for row in rows[header + 1 :]
        if row[level] not in (None, "", "Không đạt") and row[superior] == unit.name
    )


def recognition_codes(tmp_path, unit):
    args = ("export_recognition", "--year", "2025", "--unit", unit.code, "--format", "xlsx", "--base-url", BASE)
    sheet = load_workbook(export(tmp_path, "cn.xlsx", *args)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = next(i for i, row in enumerate(rows) if row and row[0] == "STT")
    return sorted(row[1] for row in rows[header + 1 :])


@pytest.mark.parametrize("issuer", ["kp", "province"])
def test_the_command_lists_exactly_the_units_export_results_shows_as_recognised(world, tmp_path, issuer):
    unit = getattr(world.units, issuer)
    by = world.kp_officer if issuer == "kp" else world.province
    issue(world, closed_year(world), issuer=unit, by=by)
    expected = recognised_in_results(tmp_path, unit)
    assert expected == (["DL-KP-EAKENH", "DL-KP-EAPHE"] if issuer == "kp" else ["DL-CDYT"])
    assert recognition_codes(tmp_path, unit) == expected


def test_the_command_writes_the_pdf(decision, tmp_path):
    args = ("export_recognition", "--year", "2025", "--unit", "dl-kp", "--format", "pdf", "--base-url", BASE)
    text = pdf_text(export(tmp_path, "qd.pdf", *args).read_bytes(), layout=True)
    assert "Số: 12-QĐ/ĐTN" in text and "Đoàn xã Ea Phê" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--year", "2024", "--unit", "DL-KP"), "Huyện đoàn Krông Pắc chưa ban hành quyết định công nhận năm 2024."),
        (("--year", "2025", "--unit", "DL-XX"), "Không có đơn vị mã “DL-XX”."),
        (("--year", "2025", "--unit", "DL-KP", "--base-url", "http://127.0.0.1:8000"), "là máy nội bộ"),
    ],
)
def test_the_command_says_why_it_writes_nothing(decision, tmp_path, args, message):
    out = tmp_path / "x.pdf"
    base = () if "--base-url" in args else ("--base-url", BASE)
    with pytest.raises(CommandError, match=message):
        call_command("export_recognition", *args, *base, "-o", str(out))
    assert not out.exists()


def test_the_command_prints_a_loopback_address_only_when_told(decision, tmp_path):
    args = ("--year", "2025", "--unit", "DL-KP", "--format", "xlsx", "--base-url", "http://localhost:8000/")
    out = export(tmp_path, "cn.xlsx", "export_recognition", *args, "--allow-loopback")
    assert load_workbook(out).active["A1"].value.startswith("DANH SÁCH")
