"""End to end in Chromium, on a phone and on a desktop: the yearly cycle of Đoàn xã Ea Phê.

The secretary registers; the Krông Pắc officer returns it with a reason; the secretary fixes and resubmits; it
is accepted. At year end the secretary self-assesses, attaches a PDF, loses the connection mid-way and loses
nothing; submits; the officer lowers one item with a comment and approves; the secretary sees the level and the
reasons; the provincial officer sees the unit in the results and the district in the calibration view.
"""

from criteria.scoring import format_number
from evaluations.models import Answer, Assessment, FormStatus, Registration
from tests.conftest import PASSWORD

from .conftest import full_shot, log_in

G1_COMMITMENT = (
    "Quản lý chặt danh sách đoàn viên, đánh giá xếp loại đúng hạn; rà soát hồ sơ đoàn viên từng chi đoàn mỗi quý, "
    "cập nhật biến động trong tháng; nắm tình hình thanh niên đi làm ăn xa và thanh niên có hoàn cảnh khó khăn để "
    "có kế hoạch giúp đỡ."
)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _as(page, username):
    page.context.clear_cookies()
    log_in(page, username, PASSWORD)
    page.locator("main").wait_for()


def _item(page, code):
    return page.locator(f'.sheet-item[data-code="{code}"]')


def test_yearly_cycle_of_ea_phe(world, campaign, device):
    name, page = device
    year = campaign.year
    unit = world.units.eaphe

    # The secretary lands on Ea Phê's page; the to-do panel says what to do and by when.
    _as(page, "bithu.eaphe")
    page.get_by_role("link", name=f"Đăng ký “3 chủ động” năm {year}").click()
    page.get_by_role("button", name="Lập bản đăng ký").click()
    page.get_by_label("Kết nạp đoàn viên mới").fill("20")
    page.locator("#id_g1-commitment").fill(G1_COMMITMENT)
    page.locator("#id_g2-commitment").fill("Xây dựng kế hoạch năm sát nghị quyết của Đảng ủy xã")
    page.locator("#id_g3-commitment").fill("Tham mưu Đảng ủy giới thiệu 3 đoàn viên ưu tú")
    full_shot(page, f"journey-{name}-1-registration")
    page.get_by_role("button", name="Nộp cho cấp trên").click()
    page.get_by_text("Đã nộp bản đăng ký cho đơn vị cấp trên trực tiếp.").wait_for()

    # The Krông Pắc officer sees it waiting and returns it with a reason.
    _as(page, "canbo.krongpac")
    page.get_by_role("link", name="1 bản đăng ký chờ chấp nhận").click()
    page.get_by_role("link", name="Đoàn xã Ea Phê").click()
    # Read only, the registration shows every text whole (disabled boxes cut them off).
    clipped = page.evaluate(
        "() => [...document.querySelectorAll('#registration-form .readonly-text, #registration-form textarea')]"
        ".filter((e) => e.scrollHeight > e.clientHeight + 1).map((e) => e.textContent)"
    )
    assert clipped == []
    assert G1_COMMITMENT in page.locator("#nhom-1").inner_text()
    full_shot(page, f"journey-{name}-1b-registration-read-only")
    page.locator("#return-reason").fill("Nhóm 2 chưa có lộ trình theo quý.")
    page.get_by_role("button", name="Trả lại để đơn vị sửa").click()
    page.get_by_text("Đã trả lại bản đăng ký cho Đoàn xã Ea Phê.").wait_for()

    # The secretary reads the reason, fixes and resubmits.
    _as(page, "bithu.eaphe")
    page.get_by_role("link", name=f"Sửa và nộp lại bản đăng ký năm {year} (cấp trên đã trả lại)").click()
    assert "Nhóm 2 chưa có lộ trình theo quý." in page.locator("#ly-do-tra-lai").inner_text()
    page.locator("#id_g2-roadmap").fill("Quý I: kế hoạch; quý II–III: triển khai; quý IV: sơ kết")
    page.get_by_role("button", name="Nộp cho cấp trên").click()
    page.get_by_text("Đã nộp bản đăng ký").wait_for()

    # The officer accepts it.
    _as(page, "canbo.krongpac")
    page.goto(f"/danh-gia/{campaign.pk}/don-vi/{unit.pk}/dang-ky/")
    page.get_by_role("button", name="Chấp nhận bản đăng ký").click()
    page.get_by_text("Đã chấp nhận bản đăng ký của Đoàn xã Ea Phê.").wait_for()
    assert Registration.objects.get(campaign=campaign, unit=unit).status == FormStatus.ACCEPTED

    # Year end: the secretary self-assesses.
    _as(page, "bithu.eaphe")
    page.get_by_role("link", name=f"Tự đánh giá năm {year}").click()
    page.get_by_role("button", name="Lập bản tự đánh giá").click()
    item = _item(page, "1.2")
    assert "20 đoàn viên mới" in item.locator(".registered").inner_text()
    item.locator("input[type=file]").set_input_files(
        files=[{"name": "bien-ban-sinh-hoat.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    item.get_by_text("Đã tải lên “bien-ban-sinh-hoat.pdf”.").wait_for()  # at once, without a tap on "Tải lên"

    codes = list(Answer.objects.filter(assessment__unit=unit).order_by("position").values_list("item_code", flat=True))
    first, second = codes[:8], codes[8:]
    for code in first:
        _item(page, code).locator("input.sheet-value").fill("5")
    _item(page, "1.1").locator("textarea").fill("Báo cáo nắm tình hình hằng quý")
    page.locator("#save-state").get_by_text("Đã lưu lúc").wait_for()

    # The connection drops mid-way: edits stay on the phone and the page says so.
    page.context.set_offline(True)
    for code in second:
        _item(page, code).locator("input.sheet-value").fill("4")
    _item(page, second[-1]).locator("input.sheet-value").blur()
    page.get_by_text("Mất kết nối – chưa lưu").wait_for()
    full_shot(page, f"journey-{name}-2-offline")
    assert not Answer.objects.filter(assessment__unit=unit, item_code=second[-1], self_points=4).exists()
    page.context.set_offline(False)
    page.locator("#save-state").get_by_text("Đã lưu lúc").wait_for()
    saved = dict(Answer.objects.filter(assessment__unit=unit).values_list("item_code", "self_points"))
    assert all(saved[code] == 4 for code in second) and all(saved[code] == 5 for code in first)

    page.reload()
    assert _item(page, second[-1]).locator("input.sheet-value").input_value() == "4"
    full_shot(page, f"journey-{name}-3-sheet")
    page.get_by_role("button", name="Nộp bản tự đánh giá").click()
    page.get_by_text("Đã nộp bản tự đánh giá").wait_for()

    # The officer lowers one item with a comment and approves.
    _as(page, "canbo.krongpac")
    page.goto("/danh-gia/tham-dinh/")
    page.get_by_role("link", name="Đoàn xã Ea Phê").click()
    review = _item(page, "3.1")
    review.locator("input.sheet-value").fill("2")
    review.locator("textarea").fill("Chưa có biên bản phối hợp với Hội LHPN xã.")
    review.locator("textarea").blur()
    page.locator("#save-state").get_by_text("Đã lưu lúc").wait_for()
    assert "differs" in (review.get_attribute("class") or "")
    # The page says such items are coloured: they are (portal.css styles .differs).
    edges = page.evaluate(
        "(codes) => codes.map((code) => getComputedStyle(document.querySelector("
        '`.sheet-item[data-code="${code}"]`)).borderLeftColor)',
        ["3.1", "1.1"],
    )
    assert edges[0] != edges[1], edges
    full_shot(page, f"journey-{name}-4-review")
    page.get_by_role("button", name="Duyệt kết quả").click()
    page.get_by_text("Đã duyệt kết quả của Đoàn xã Ea Phê").wait_for()
    sheet = Assessment.objects.get(campaign=campaign, unit=unit)
    assert sheet.status == FormStatus.APPROVED and sheet.review_total == sheet.self_total - 2

    # The secretary sees the level and the reasons.
    _as(page, "bithu.eaphe")
    page.goto(f"/danh-gia/{campaign.pk}/don-vi/{unit.pk}/tu-danh-gia/")
    result = page.locator("#ket-qua").inner_text()
    assert sheet.level_name in result
    for reason in sheet.level_reasons:
        assert reason in result
    assert "Chưa có biên bản phối hợp với Hội LHPN xã." in page.locator("main").inner_text()
    # One result on the page, the reviewed one; the unit's own total is named as such.
    summary = " ".join(page.locator("#sheet-summary").inner_text().split())
    assert f"Tự chấm: {format_number(sheet.self_total)}/" in summary and "Kết quả" not in summary
    assert page.locator("main").inner_text().count("Kết quả") == 1
    assert "quá hạn" not in page.locator("main").inner_text()
    full_shot(page, f"journey-{name}-5-result")
