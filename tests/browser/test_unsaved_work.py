"""Work that used to be lost without a word (issue 19, items 5–7), in Chromium.

A chosen evidence file is uploaded at once and the sheet is not sent while it is on its way; the registration is
saved as it is typed and comes back after the page is closed offline; two tabs of one sheet add their offline edits
up, see each other's saves, and a conflict with oneself says so and offers the saved value; leaving with edits
queued asks nothing, since they are kept and go out on the next visit.
"""

from django.urls import reverse

from evaluations.cycle import services
from evaluations.models import Answer, Attachment, FormStatus, Registration
from tests.conftest import PASSWORD
from tests.evaluations.conftest import score_all

from .conftest import full_shot, log_in

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
UPLOAD = "**/minh-chung/"
AUTOSAVE = "**/luu/"


def _item(page, code):
    return page.locator(f'.sheet-item[data-code="{code}"]')


def _sheet(world, campaign):
    return services.start_assessment(campaign=campaign, unit=world.units.eaphe, by=world.secretary)


def _open_sheet(page, world, campaign):
    log_in(page, "bithu.eaphe", PASSWORD)
    page.goto(reverse("evaluations:assessment", args=[campaign.pk, world.units.eaphe.pk]))


def _points(code):
    return Answer.objects.get(assessment__unit__code="DL-KP-EAPHE", item_code=code).self_points


def test_a_chosen_evidence_file_goes_up_before_the_sheet_is_sent(world, campaign, device):
    name, page = device
    sheet = _sheet(world, campaign)
    score_all(sheet, world.secretary)
    _open_sheet(page, world, campaign)
    said = []
    page.on("dialog", lambda dialog: said.append(dialog.message))
    held = []
    page.route(UPLOAD, lambda route: held.append(route))

    item = _item(page, "1.2")
    item.locator("input[type=file]").set_input_files(
        files=[{"name": "bien-ban-sinh-hoat.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    item.get_by_role("progressbar").wait_for()
    full_shot(page, f"unsaved-{name}-1-uploading")
    page.get_by_role("button", name="Nộp bản tự đánh giá").click()
    page.wait_for_function("() => true")  # let the dialog handlers run
    assert any("“bien-ban-sinh-hoat.pdf” của tiêu chí 1.2 đang tải lên" in text for text in said), said
    sheet.refresh_from_db()
    assert sheet.status == FormStatus.DRAFT

    held[0].continue_()
    item.get_by_role("link", name="bien-ban-sinh-hoat.pdf").wait_for()
    assert "Đã tải lên “bien-ban-sinh-hoat.pdf”." in item.locator(".upload-status").inner_text()
    assert item.locator("input[type=file]").input_value() == ""
    full_shot(page, f"unsaved-{name}-2-uploaded")
    page.unroute(UPLOAD)

    # A file the server refuses is said in the item and does not hold the sheet back.
    item.locator("input[type=file]").set_input_files(
        files=[{"name": "ghi-chu.pdf", "mimeType": "application/pdf", "buffer": b"plain text"}]
    )
    item.get_by_text("không phải PDF, ảnh").wait_for()
    page.get_by_role("button", name="Nộp bản tự đánh giá").click()
    page.get_by_text("Đã nộp bản tự đánh giá").wait_for()
    sheet.refresh_from_db()
    assert sheet.status == FormStatus.SUBMITTED
    assert [a.original_name for a in Attachment.objects.filter(answer__assessment=sheet)] == ["bien-ban-sinh-hoat.pdf"]


def test_an_upload_without_connection_waits_for_it_and_holds_the_sheet(world, campaign, page):
    score_all(_sheet(world, campaign), world.secretary)
    _open_sheet(page, world, campaign)
    said = []
    page.on("dialog", lambda dialog: (said.append(dialog.message), dialog.accept()))
    item = _item(page, "2.1")
    page.context.set_offline(True)
    item.locator("input[type=file]").set_input_files(
        files=[{"name": "ke-hoach.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    item.get_by_text("Chưa tải lên được “ke-hoach.pdf” (mất kết nối)").wait_for()
    page.get_by_role("button", name="Nộp bản tự đánh giá").click()
    page.wait_for_function("() => true")
    assert said == [
        "Tệp “ke-hoach.pdf” của tiêu chí 2.1 chưa tải lên được (mất kết nối): hãy chờ có mạng để tải lên xong rồi nộp."
    ]
    page.context.set_offline(False)
    item.get_by_role("link", name="ke-hoach.pdf").wait_for()
    assert Attachment.objects.filter(answer__item_code="2.1", original_name="ke-hoach.pdf").exists()


def test_the_registration_is_saved_as_it_is_typed(world, campaign, device):
    name, page = device
    record = services.start_registration(campaign=campaign, unit=world.units.eaphe, by=world.secretary)
    url = reverse("evaluations:registration", args=[campaign.pk, world.units.eaphe.pk])
    log_in(page, "bithu.eaphe", PASSWORD)
    page.goto(url)
    page.get_by_label("Kết nạp đoàn viên mới").fill("20")
    page.locator("#id_g1-commitment").fill("Quản lý chặt danh sách đoàn viên")
    page.locator("#save-state").get_by_text("Đã lưu lúc").wait_for()
    record.refresh_from_db()
    assert record.target_new_members == 20
    assert record.entries.get(group_number=1, item_code="").commitment == "Quản lý chặt danh sách đoàn viên"
    full_shot(page, f"unsaved-{name}-3-registration-saved")

    # Offline, the text stays on the phone; the page closed and opened again sends it.
    page.context.set_offline(True)
    page.locator("#id_g2-commitment").fill("Kế hoạch năm sát nghị quyết")
    page.locator("#save-state").get_by_text("Mất kết nối – bản nháp chưa lưu").wait_for()
    full_shot(page, f"unsaved-{name}-4-registration-offline")
    context = page.context
    page.close()
    context.set_offline(False)
    page = context.new_page()
    page.goto(url)
    assert page.locator("#id_g2-commitment").input_value() == "Kế hoạch năm sát nghị quyết"
    page.locator("#save-state").get_by_text("Đã lưu lúc").wait_for()
    assert record.entries.get(group_number=2, item_code="").commitment == "Kế hoạch năm sát nghị quyết"

    # Sending right after typing, while the draft is on its way, is not refused as someone else's save.
    page.locator("#id_g3-commitment").fill("Tham mưu giới thiệu đoàn viên ưu tú")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Nộp cho cấp trên").click()
    page.get_by_text("Đã nộp bản đăng ký cho đơn vị cấp trên trực tiếp.").wait_for()
    assert Registration.objects.get(pk=record.pk).status == FormStatus.SUBMITTED


def test_two_tabs_offline_keep_both_edits(world, campaign, page):
    _sheet(world, campaign)
    _open_sheet(page, world, campaign)
    other = page.context.new_page()
    other.goto(page.url)
    page.context.set_offline(True)
    _item(page, "1.1").locator("input.sheet-value").fill("5")
    _item(page, "1.1").locator("input.sheet-value").blur()
    _item(other, "1.3").locator("input.sheet-value").fill("4")
    _item(other, "1.3").locator("input.sheet-value").blur()
    page.locator("#save-state").get_by_text("Mất kết nối – chưa lưu").wait_for()
    full_shot(page, "unsaved-tabs-1-offline")
    names = page.locator("#save-state").inner_text()
    other.close()
    page.context.set_offline(False)
    page.locator("#save-state").get_by_text("Đã lưu lúc").wait_for()
    assert (_points("1.1"), _points("1.3")) == (5, 4)
    assert "chưa lưu 2 mục: 1.1, 1.3" in names


def test_a_save_shows_in_the_other_tab_and_a_conflict_with_oneself_says_so(world, campaign, page, browser, live_server):
    _sheet(world, campaign)
    _open_sheet(page, world, campaign)
    # The same secretary on a second device, opened before the saves below.
    laptop = browser.new_context(base_url=live_server.url, locale="vi-VN")
    second = laptop.new_page()
    _open_sheet(second, world, campaign)
    other = page.context.new_page()
    other.goto(page.url)

    _item(page, "1.1").locator("input.sheet-value").fill("5")
    page.locator("#save-state").get_by_text("Đã lưu lúc").wait_for()
    other.wait_for_function(
        """() => document.querySelector('.sheet-item[data-code="1.1"] input.sheet-value').value === '5'"""
    )
    _item(other, "1.1").locator("input.sheet-value").fill("6")
    other.locator("#save-state").get_by_text("Đã lưu lúc").wait_for()
    assert _points("1.1") == 6

    _item(second, "1.1").locator("input.sheet-value").fill("3")
    status = _item(second, "1.1").locator(".item-status")
    status.get_by_text("Tiêu chí 1.1 vừa được lưu từ một thẻ hoặc thiết bị khác của chính bạn.").wait_for()
    assert "người khác" not in status.inner_text()
    assert "Giá trị đang lưu: 6" in status.inner_text()
    second.locator("#save-state").get_by_text("Chưa lưu được 1 mục: 1.1").wait_for()
    full_shot(second, "unsaved-tabs-2-conflict")
    status.get_by_role("button", name="Lưu nội dung của tôi").wait_for()
    status.get_by_role("button", name="Lấy giá trị đã lưu").click()
    assert _item(second, "1.1").locator("input.sheet-value").input_value() == "6"
    second.locator("#save-state").get_by_text("Mọi thay đổi được lưu ngay khi nhập.").wait_for()
    assert _points("1.1") == 6
    laptop.close()


def test_leaving_while_an_edit_is_on_its_way_asks_nothing_and_keeps_it(world, campaign, page):
    _sheet(world, campaign)
    _open_sheet(page, world, campaign)
    sheet_url = page.url
    asked, held = [], []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.accept()))
    page.route(AUTOSAVE, lambda route: held.append(route))  # the save gets no answer before the user leaves
    _item(page, "1.1").locator("input.sheet-value").fill("5")
    _item(page, "1.1").locator("input.sheet-value").blur()
    page.locator("#save-state").get_by_text("Đang lưu 1 mục").wait_for()
    page.goto(reverse("home"))
    assert asked == []
    page.unroute(AUTOSAVE)
    assert held and _points("1.1") is None
    page.goto(sheet_url)
    page.locator("#save-state").get_by_text("Đã lưu lúc").wait_for()
    assert _points("1.1") == 5
