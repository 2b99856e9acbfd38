"""Exports of a round: the decision PDF's text equals the data, certificates, Excel, the export command."""

import datetime
import io
import subprocess

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from evaluations.commendations import contexts, services
from tests.conftest import sign_in
from tests.pdf import pdf_text

from ..commendation_world import RULES, TODAY, add_results, make_round, term_of

BASE = "http://cong.example/"


def flat_text(body: bytes) -> str:
    """The PDF's text in reading order with every run of whitespace as one space (lines wrap where they fit)."""
    return " ".join(pdf_text(body).split())


def pdf_pages(body: bytes) -> int:
    result = subprocess.run(["pdfinfo", "-"], input=body, capture_output=True, check=True)
    return int(next(line for line in result.stdout.decode().splitlines() if line.startswith("Pages:")).split()[-1])


def finalise(commendation_round, by, *, number="12", date=datetime.date(2025, 12, 15), signer_name="", **extra):
    return services.finalise_round(
        commendation_round=commendation_round,
        by=by,
        decision_number=number,
        decision_date=date,
        signer_name=signer_name,
        today=TODAY,
        **extra,
    )


@pytest.fixture
def finalised(world):
    add_results(world)
    commendation_round = make_round(world)
    return finalise(commendation_round, world.province, signer_name="Nguyễn Văn A")


def test_decision_pdf_text_equals_the_data(finalised):
    context = contexts.round_context(finalised, base_url=BASE)
    body = contexts.render_decision_pdf(context)
    text, flat = pdf_text(body, layout=True), flat_text(body)
    for line in [
        "BCH TỈNH ĐOÀN ĐẮK LẮK",
        "ĐOÀN TNCS HỒ CHÍ MINH",
        "Số: 12-QĐ/ĐTN-TCKT",
        "Đắk Lắk, ngày 15 tháng 12 năm 2025",
        "QUYẾT ĐỊNH",
        "Về việc tuyên dương “Đoàn cơ sở 3 chủ động” tiêu biểu giai đoạn 2023 – 2024",
        "BAN THƯỜNG VỤ TỈNH ĐOÀN ĐẮK LẮK",
        "- Căn cứ Điều lệ Đoàn TNCS Hồ Chí Minh;",
        "Điều 1. Tuyên dương 02 đơn vị",
        "Nơi nhận:",
        "- Như Điều 3;",
        "TM. BAN THƯỜNG VỤ TỈNH ĐOÀN",
        "Nguyễn Văn A",
        "DANH SÁCH",
        "(Kèm theo Quyết định số 12-QĐ/ĐTN-TCKT ngày 15/12/2025 của Ban Thường vụ Tỉnh đoàn Đắk Lắk)",
        f"Mã xác minh: {context['verification_code']}",
    ]:
        assert line in flat, line
    assert "DỰ THẢO" not in text and "Ự" not in text
    rows = [line.split() for line in text.splitlines() if line.strip()[:2] in ("1 ", "2 ")]
    assert [" ".join(r) for r in rows] == [
        "1 Đoàn xã Ea Phê Huyện đoàn Krông Pắc 93,00",
        "2 Đoàn xã Ea Kênh Huyện đoàn Krông Pắc 82,00",
    ]


def test_a_draft_prints_with_the_watermark_and_no_code(world):
    add_results(world)
    draft = make_round(world)
    context = contexts.round_context(draft, base_url=BASE)
    body = contexts.render_decision_pdf(context)
    text = flat_text(body)
    # The watermark is drawn diagonally, so the extractor returns its letters one by one, on every page.
    pages = [page for page in pdf_text(body, layout=True).split("\f") if page.strip()]
    assert len(pages) == 2
    for page in pages:
        assert all(letter in page for letter in "DỰTHẢO")
    assert "Mã xác minh" not in text
    assert "Đoàn xã Ea Phê" in text


def test_list_header_repeats_on_every_page(world, finalised):
    context = contexts.round_context(finalised, base_url=BASE)
    rows = context["rows"] * 40
    context["rows"] = [row.__class__(**{**row.__dict__, "position": n}) for n, row in enumerate(rows, start=1)]
    body = contexts.render_decision_pdf(context)
    pages = pdf_pages(body)
    assert pages >= 3
    text = pdf_text(body, layout=True)
    assert text.count("Đơn vị cấp trên") == pages - 1  # every page of the list, not the decision's page
    assert f"{pages}/{pages}" in text


def test_certificates_one_landscape_page_per_unit(finalised):
    context = contexts.round_context(finalised, base_url=BASE)
    body = contexts.render_certificates_pdf(context)
    assert pdf_pages(body) == 2
    info = subprocess.run(["pdfinfo", "-"], input=body, capture_output=True, check=True).stdout.decode()
    assert "841.89 x 595.276" in info or "842 x 595" in info
    text = pdf_text(body, layout=True)
    assert text.count("BẰNG KHEN") == 2
    assert "ĐOÀN XÃ EA PHÊ" in text and "ĐOÀN XÃ EA KÊNH" in text
    entry = finalised.entries.first()
    assert contexts.format_code(entry.verification_code) in text


def test_excel_has_title_lines_headers_and_numbers(finalised):
    context = contexts.round_context(finalised, base_url=BASE)
    sheet = load_workbook(io.BytesIO(contexts.render_xlsx(context))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0].startswith("DANH SÁCH")
    header = rows[3]
    assert header[:4] == ("STT", "Mã đơn vị", "Tên đơn vị", "Đơn vị cấp trên")
    assert rows[4][:7] == (1, "DL-KP-EAPHE", "Đoàn xã Ea Phê", "Huyện đoàn Krông Pắc", 2, 93, 94)
    assert sheet.freeze_panes == "A5"


def test_export_command_writes_the_latest_round(finalised, tmp_path, settings):
    settings.PORTAL_URL = "https://3chudong.tinhdoan.example/"
    out = tmp_path / "qd.xlsx"
    call_command("export_commendation", "--latest", "--format", "xlsx", "-o", str(out), stdout=io.StringIO())
    sheet = load_workbook(out).active
    codes = [row[1] for row in sheet.iter_rows(min_row=5, values_only=True)]
    assert codes == ["DL-KP-EAPHE", "DL-KP-EAKENH"]
    pdf = tmp_path / "qd.pdf"
    call_command(
        "export_commendation", "--round", str(finalised.pk), "--format", "pdf", "-o", str(pdf), stdout=io.StringIO()
    )
    assert "Số: 12-QĐ/ĐTN-TCKT" in pdf_text(pdf.read_bytes(), layout=True)
    assert "https://3chudong.tinhdoan.example/danh-gia/xac-minh/?ma=" in flat_text(pdf.read_bytes()).replace(" ", "")


@pytest.mark.parametrize(
    "address", ["http://127.0.0.1:8000", "http://localhost:8000/", "http://[::1]/", "http://0.0.0.0:8000"]
)
def test_export_command_refuses_a_loopback_address_in_the_qr_code(finalised, tmp_path, settings, address):
    from django.core.management.base import CommandError

    settings.PORTAL_URL = address
    out = tmp_path / "qd.pdf"
    with pytest.raises(CommandError, match="địa chỉ của chính máy này.*--allow-local"):
        call_command("export_commendation", "--latest", "-o", str(out), stdout=io.StringIO())
    assert not out.exists()
    call_command("export_commendation", "--latest", "--allow-local", "-o", str(out), stdout=io.StringIO())
    assert address.rstrip("/") in flat_text(out.read_bytes()).replace(" ", "")


def test_export_command_without_a_finalised_round_says_so(world, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Chưa có đợt tuyên dương nào đã ban hành"):
        call_command("export_commendation", "--latest", "-o", str(tmp_path / "x.pdf"))


@pytest.fixture
def half_points(world):
    """Averages of half points: Ea Phê (93,5 + 94) / 2 = 93,75, Ea Kênh (82,5 + 92) / 2 = 87,25."""
    from decimal import Decimal

    from evaluations.models import Assessment

    add_results(world)
    totals = {("DL-KP-EAPHE", 2023): "93.5", ("DL-KP-EAKENH", 2023): "82.5", ("DL-KP-EAKENH", 2024): "92"}
    for (code, year), total in totals.items():
        Assessment.objects.filter(unit__code=code, campaign__year=year).update(review_total=Decimal(total))
    return finalise(make_round(world), world.province, signer_name="Nguyễn Văn A")


def test_averages_keep_two_decimals_everywhere(world, client, half_points):
    from decimal import Decimal

    from django.urls import reverse

    entries = list(half_points.entries.order_by("position"))
    assert [e.average_total for e in entries] == [Decimal("93.75"), Decimal("87.25")]
    context = contexts.round_context(half_points, base_url=BASE)
    text = pdf_text(contexts.render_decision_pdf(context), layout=True)
    rows = [" ".join(line.split()) for line in text.splitlines() if line.strip()[:2] in ("1 ", "2 ")]
    assert rows == [
        "1 Đoàn xã Ea Phê Huyện đoàn Krông Pắc 93,75",
        "2 Đoàn xã Ea Kênh Huyện đoàn Krông Pắc 87,25",
    ]
    sheet = load_workbook(io.BytesIO(contexts.render_xlsx(context))).active
    averages = [sheet.cell(row=row, column=6) for row in (5, 6)]
    assert [c.value for c in averages] == [93.75, 87.25]
    assert {c.number_format for c in averages} == {"0.00"}
    verify = client.get(reverse("evaluations:commendation_verify") + f"?ma={half_points.verification_code}")
    assert "93,75" in verify.content.decode() and "87,25" in verify.content.decode()
    sign_in(client, world.province)
    page = client.get(half_points.get_absolute_url()).content.decode()
    assert "93,75" in page and "87,25" in page


def test_a_whole_average_prints_with_two_decimals(finalised):
    context = contexts.round_context(finalised, base_url=BASE)
    assert [row.average_text for row in context["rows"]] == ["93,00", "82,00"]


def test_the_migration_restores_two_decimals_from_the_frozen_outcome(half_points):
    import importlib
    from decimal import Decimal

    from django.apps import apps

    migration = importlib.import_module("evaluations.migrations.0006_commendation_average_two_decimals")
    half_points.entries.filter(position=1).update(average_total=Decimal("93.8"))
    migration.restore_averages(apps, None)
    assert half_points.entries.get(position=1).average_total == Decimal("93.75")


def _direct_unit_round(world, **decision):
    """A round of Đoàn Thanh niên Công an tỉnh (a unit right under the province) over one grassroots unit of its own."""
    from decimal import Decimal

    from branches.models import UnitType
    from evaluations.models import Assessment, Campaign
    from tests.conftest import make_unit

    add_results(world)
    police = make_unit(world.units.province, "DL-CA", "Đoàn Thanh niên Công an tỉnh", UnitType.DIRECT)
    station = make_unit(police, "DL-CA-PC01", "Đoàn cơ sở Phòng Tham mưu", UnitType.GRASSROOTS)
    for campaign in Campaign.objects.all():
        Assessment.objects.create(
            campaign=campaign,
            unit=station,
            status="approved",
            review_total=Decimal(90),
            level_code="dat",
            recognised=True,
        )
    commendation_round = services.create_round(
        organiser=police, term=term_of(world), number=1, by=world.admin, today=TODAY, **RULES
    )
    return finalise(commendation_round, world.admin, number="7", **decision)


def test_a_long_name_signs_whole_and_a_deputy_signs_for_the_secretary(world):
    from evaluations.commendations.models import SignerPosition

    commendation_round = _direct_unit_round(world, signer_name="Niê H'Linh", signer_position=SignerPosition.DEPUTY)
    context = contexts.round_context(commendation_round, base_url=BASE)
    decision = flat_text(contexts.render_decision_pdf(context))
    assert "TM. BAN THƯỜNG VỤ ĐOÀN THANH NIÊN CÔNG AN TỈNH KT. BÍ THƯ PHÓ BÍ THƯ Niê H'Linh" in decision
    certificates = " ".join(pdf_text(contexts.render_certificates_pdf(context)).split())
    assert "TM. BAN CHẤP HÀNH ĐOÀN THANH NIÊN CÔNG AN TỈNH KT. BÍ THƯ PHÓ BÍ THƯ" in certificates


def test_the_secretary_signs_as_bi_thu(finalised):
    context = contexts.round_context(finalised, base_url=BASE)
    assert (context["signature"].on_behalf, context["signature"].position) == ("TM. BAN THƯỜNG VỤ TỈNH ĐOÀN", "BÍ THƯ")


def test_the_register_number_continues_across_the_rounds_of_an_issuer(world, client, finalised):
    from django.urls import reverse

    second = services.create_round(
        organiser=world.units.province,
        term=finalised.term,
        number=2,
        by=world.province,
        today=TODAY,
        **{name: getattr(finalised, name) for name in services.RULE_FIELDS},
    )
    draft = contexts.round_context(second, base_url=BASE)
    assert [row.register_text for row in draft["rows"]] == ["0003", "0004"]  # what finalising will give
    second = finalise(second, world.province, number="13", date=datetime.date(2025, 12, 20))
    assert [e.register_number for e in finalised.entries.all()] == [1, 2]
    assert [e.register_number for e in second.entries.all()] == [3, 4]
    text = pdf_text(contexts.render_certificates_pdf(contexts.round_context(second, base_url=BASE)))
    assert "Số vào sổ: 0003" in text and "Số vào sổ: 0004" in text and "0001" not in text
    entry = second.entries.get(position=1)
    page = client.get(reverse("evaluations:commendation_verify") + f"?ma={entry.verification_code}").content.decode()
    assert "số vào sổ 0003" in page
    # Another issuer keeps its own register.
    kp_round = finalise(make_round(world, organiser=world.units.kp), world.kp_officer, number="5")
    assert [e.register_number for e in kp_round.entries.all()] == [1, 2]


def test_the_province_decision_cites_the_provincial_guidance_and_the_commendation_rules(finalised):
    text = flat_text(contexts.render_decision_pdf(contexts.round_context(finalised, base_url=BASE)))
    grounds = text[text.index("BAN THƯỜNG VỤ TỈNH ĐOÀN ĐẮK LẮK") : text.index("QUYẾT ĐỊNH:")]
    assert grounds.split(" - ")[1:] == [
        "Căn cứ Điều lệ Đoàn TNCS Hồ Chí Minh;",
        "Căn cứ quy định về công tác thi đua, khen thưởng của Đoàn TNCS Hồ Chí Minh;",
        "Căn cứ Hướng dẫn số 18-HD/TWĐTN-BTC ngày 24/5/2023 của Ban Bí thư Trung ương Đoàn về việc xây dựng "
        "“Đoàn cơ sở 3 chủ động”;",
        "Căn cứ Hướng dẫn của Ban Thường vụ Tỉnh đoàn Đắk Lắk về việc xây dựng “Đoàn cơ sở 3 chủ động”;",
        "Xét đề nghị của Ban Tổ chức – Kiểm tra Tỉnh đoàn, ",
    ]


def test_the_grounds_and_the_issuing_department_are_settings_of_the_round(world):
    add_results(world)
    commendation_round = make_round(
        world,
        guidance_basis="Căn cứ Hướng dẫn số 78-HD/TĐTN-TCKT ngày 10/3/2023 của Ban Thường vụ Tỉnh đoàn Đắk Lắk.",
        rules_basis="Căn cứ Quy chế thi đua, khen thưởng của Tỉnh đoàn Đắk Lắk",
        department_code="VP",
        department_name="Văn phòng",
    )
    commendation_round = finalise(commendation_round, world.province)
    text = flat_text(contexts.render_decision_pdf(contexts.round_context(commendation_round, base_url=BASE)))
    assert "Số: 12-QĐ/ĐTN-VP" in text
    assert "- Căn cứ Hướng dẫn số 78-HD/TĐTN-TCKT ngày 10/3/2023 của Ban Thường vụ Tỉnh đoàn Đắk Lắk;" in text
    assert "- Căn cứ Quy chế thi đua, khen thưởng của Tỉnh đoàn Đắk Lắk;" in text
    assert "Xét đề nghị của Văn phòng Tỉnh đoàn," in text
    assert "Điều 3. Văn phòng Tỉnh đoàn và các đơn vị" in text and "- Lưu VP." in text
    assert "Ban Tổ chức – Kiểm tra" not in text and "VP, TCKT" not in text and "12-QĐ/ĐTN-TCKT" not in text


def test_the_migration_reads_the_old_printed_positions_as_choices(finalised):
    import importlib

    from django.apps import apps

    from evaluations.commendations.models import CommendationRound

    migration = importlib.import_module("evaluations.migrations.0007_commendation_signer_position")
    CommendationRound.objects.filter(pk=finalised.pk).update(signer_position="PHÓ BÍ THƯ")
    migration.positions_as_choices(apps, None)
    assert CommendationRound.objects.get(pk=finalised.pk).signer_position == "deputy"
    CommendationRound.objects.filter(pk=finalised.pk).update(signer_position="BÍ THƯ")
    migration.positions_as_choices(apps, None)
    assert CommendationRound.objects.get(pk=finalised.pk).signer_position == "secretary"
