"""Pages of the yearly cycle: success, wrong method, outsider 404, read-only 403, side effects, query counts."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from branches.models import Role, UnitType
from common.locking import version_token
from common.workflow import events_for
from evaluations.cycle import services
from evaluations.cycle.models import EVIDENCE_MAX_CHARS
from evaluations.models import Answer, Assessment, Attachment, Campaign, FormStatus, Registration
from tests.conftest import make_unit, make_user

from ..conftest import LATE, TODAY, fill_registration, score_all

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _reg_url(campaign, unit):
    return reverse("evaluations:registration", args=[campaign.pk, unit.pk])


def _sheet_url(campaign, unit):
    return reverse("evaluations:assessment", args=[campaign.pk, unit.pk])


# --- campaigns ----------------------------------------------------------------------------------------------


def test_province_opens_a_year_from_the_form(world, login):
    client = login(world.province)
    response = client.post(
        reverse("evaluations:campaign_create"),
        {
            "year": 2026,
            "registration_due": "31/03/2026",
            "self_assessment_due": "15/12/2026",
            "review_due": "31/12/2026",
        },
    )
    campaign = Campaign.objects.get(year=2026)
    assert response.status_code == 302 and response.url == campaign.get_absolute_url()
    assert campaign.registration_due == datetime.date(2026, 3, 31)


def test_deadlines_out_of_order_are_refused_in_vietnamese(world, login):
    client = login(world.province)
    response = client.post(
        reverse("evaluations:campaign_create"),
        {
            "year": 2026,
            "registration_due": "31/12/2026",
            "self_assessment_due": "15/12/2026",
            "review_due": "31/12/2026",
        },
    )
    assert response.status_code == 200
    assert "Các hạn phải theo thứ tự" in response.content.decode()
    assert not Campaign.objects.exists()


def test_district_officer_cannot_open_a_year(world, login):
    assert login(world.kp_officer).get(reverse("evaluations:campaign_create")).status_code == 403


def test_campaign_status_is_post_only_and_for_the_province(world, login, campaign):
    url = reverse("evaluations:campaign_status", args=[campaign.pk])
    assert login(world.province).get(url).status_code == 405
    assert login(world.kp_officer).post(url, {"action": "close"}).status_code == 403
    login(world.province).post(url, {"action": "close"})
    campaign.refresh_from_db()
    assert not campaign.is_open


# --- registration -------------------------------------------------------------------------------------------


def test_secretary_makes_saves_and_submits_the_registration(world, login, campaign):
    client = login(world.secretary)
    url = _reg_url(campaign, world.units.eaphe)
    assert "Lập bản đăng ký" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    record = Registration.objects.get(campaign=campaign, unit=world.units.eaphe)
    data = {
        "save": "1",
        "target_new_members": "20",
        "focus": "1.3",
        "g1-commitment": "Quản lý đoàn viên",
        "g2-commitment": "Kế hoạch",
        "g3-commitment": "Tham mưu",
        "i1.2-commitment": "Kết nạp 20 đoàn viên",
    }
    assert client.post(url, data).status_code == 302
    record.refresh_from_db()
    assert record.target_new_members == 20 and record.status == FormStatus.DRAFT
    assert record.entries.get(group_number=1, item_code="1.2").commitment == "Kết nạp 20 đoàn viên"
    response = client.post(url, {**data, "submit": "1"}, follow=True)
    record.refresh_from_db()
    assert record.status == FormStatus.SUBMITTED
    assert "Đã nộp bản đăng ký" in response.content.decode()


def test_submitting_an_incomplete_registration_keeps_the_draft_and_says_what_is_missing(world, login, registration):
    client = login(world.secretary)
    url = _reg_url(registration.campaign, world.units.eaphe)
    response = client.post(url, {"submit": "1", "g1-commitment": "Một"}, follow=True)
    html = response.content.decode()
    assert "Nhóm 2: chưa ghi nội dung đăng ký" in html
    registration.refresh_from_db()
    assert registration.status == FormStatus.DRAFT
    assert registration.entries.get(group_number=1, item_code="").commitment == "Một"


def test_stale_registration_save_keeps_the_input(world, login, registration):
    client = login(world.secretary)
    url = _reg_url(registration.campaign, world.units.eaphe)
    old_token = client.get(url).context["form"]["version"].value()
    fill_registration(registration, _eaphe_officer(world))  # someone else saves meanwhile
    response = client.post(url, {"save": "1", "version": old_token, "g1-commitment": "Bản của tôi"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bản đăng ký vừa được Trần Nam lưu." in html and "Bản của tôi" in html


def _eaphe_officer(world):
    return make_user("canbo.eaphe", world.units.eaphe, Role.GRASSROOTS_OFFICER, first_name="Nam", last_name="Trần")


def _autosave(client, url, data):
    return client.post(url, data, headers={"X-Requested-With": "fetch"})


def test_registration_autosave_saves_the_draft_and_answers_in_json(world, login, registration):
    client = login(world.secretary)
    url = _reg_url(registration.campaign, world.units.eaphe)
    token = client.get(url).context["form"]["version"].value()
    response = _autosave(client, url, {"version": token, "target_new_members": "20", "g1-commitment": "Quản lý"})
    assert response.status_code == 200
    data = response.json()
    registration.refresh_from_db()
    assert data["ok"] and data["version"] == version_token(registration) and data["saved_at"]
    assert registration.target_new_members == 20 and registration.status == FormStatus.DRAFT
    assert registration.entries.get(group_number=1, item_code="").commitment == "Quản lý"
    assert "Đã lưu bản nháp" not in client.get(url).content.decode()  # no message left for the next page
    # The next autosave carries the version it was given.
    assert _autosave(client, url, {"version": data["version"], "g1-commitment": "Quản lý chặt"}).status_code == 200


def test_registration_autosave_refuses_a_stale_draft_and_says_who_saved(world, login, registration):
    client = login(world.secretary)
    url = _reg_url(registration.campaign, world.units.eaphe)
    token = client.get(url).context["form"]["version"].value()
    fill_registration(registration, world.secretary)  # the same secretary, in another tab
    response = _autosave(client, url, {"version": token, "g1-commitment": "Bản của tôi"})
    assert response.status_code == 409
    data = response.json()
    registration.refresh_from_db()
    assert data["stale"] and data["version"] == version_token(registration)
    assert data["message"].startswith("Bản đăng ký vừa được lưu từ một thẻ hoặc thiết bị khác của chính bạn.")
    assert registration.entries.get(group_number=1, item_code="").commitment == "Cam kết nhóm 1"


def test_registration_autosave_needs_the_version_and_valid_numbers(world, login, registration):
    client = login(world.secretary)
    url = _reg_url(registration.campaign, world.units.eaphe)
    response = _autosave(client, url, {"g1-commitment": "Không có dấu phiên bản"})
    assert response.status_code == 400 and "thiếu dấu phiên bản" in response.json()["message"]
    token = version_token(registration)
    response = _autosave(client, url, {"version": token, "target_new_members": "-1"})
    assert response.status_code == 400 and response.json()["message"].startswith(
        "Chưa lưu được. Kết nạp đoàn viên mới:"
    )
    assert not registration.entries.exists()


def test_registration_autosave_is_for_the_unit_only(world, login, registration):
    url = _reg_url(registration.campaign, world.units.eaphe)
    data = {"version": version_token(registration), "g1-commitment": "x"}
    assert _autosave(login(world.outsider), url, data).status_code == 404
    response = _autosave(login(world.kp_officer), url, data)
    assert response.status_code == 400 and "không có quyền sửa" in response.json()["message"]
    assert not registration.entries.exists()


def test_a_refused_submit_carries_the_saved_drafts_version(world, login, registration):
    client = login(world.secretary)
    url = _reg_url(registration.campaign, world.units.eaphe)
    token = version_token(registration)
    response = client.post(url, {"submit": "1", "version": token, "g1-commitment": "Một"})
    registration.refresh_from_db()
    assert response.context["form"]["version"].value() == version_token(registration) != token
    assert client.post(url, {"save": "1", "version": version_token(registration)}).status_code == 302


def test_officer_returns_with_reason_then_accepts(world, login, registration):
    fill_registration(registration, world.secretary)
    services.submit_registration(registration=registration, by=world.secretary, today=TODAY)
    client = login(world.kp_officer)
    decide = reverse("evaluations:registration_decide", args=[registration.campaign_id, world.units.eaphe.pk])
    response = client.post(decide, {"action": "return", "reason": ""}, follow=True)
    assert "Hãy ghi lý do." in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == FormStatus.SUBMITTED
    client.post(decide, {"action": "return", "reason": "Bổ sung lộ trình nhóm 2"})
    registration.refresh_from_db()
    assert registration.status == FormStatus.RETURNED
    page = login(world.secretary).get(_reg_url(registration.campaign, world.units.eaphe)).content.decode()
    assert "Bổ sung lộ trình nhóm 2" in page


def test_secretary_cannot_decide_own_registration(world, login, registration):
    decide = reverse("evaluations:registration_decide", args=[registration.campaign_id, world.units.eaphe.pk])
    assert login(world.secretary).post(decide, {"action": "accept"}).status_code == 403


def test_outsiders_get_404_on_registration(world, login, registration):
    url = _reg_url(registration.campaign, world.units.eaphe)
    assert login(world.outsider).get(url).status_code == 404
    assert login(world.bmt_secretary).get(url).status_code == 404
    assert login(world.province).get(url).status_code == 200


def test_a_branch_is_not_a_form_unit(world, login, campaign):
    assert login(world.secretary).get(_reg_url(campaign, world.units.eaphe_t1)).status_code == 404


# --- the sheet ----------------------------------------------------------------------------------------------


def test_sheet_page_shows_items_figures_and_registration(world, login, campaign, registration):
    fill_registration(registration, world.secretary)
    client = login(world.secretary)
    client.post(_sheet_url(campaign, world.units.eaphe))
    html = client.get(_sheet_url(campaign, world.units.eaphe)).content.decode()
    assert "Chủ động nắm chắc tình hình tư tưởng" in html
    assert "Đăng ký:</strong> 20 đoàn viên mới" in html
    assert "Sổ đoàn viên:</strong> 0 đoàn viên đang sinh hoạt" in html
    assert html.count('class="card mb-2 sheet-item') == 16


def test_autosave_returns_totals_and_level(world, login, assessment):
    answer = assessment.answers.get(item_code="1.1")
    response = login(world.secretary).post(
        reverse("evaluations:answer_save", args=[answer.pk]), {"value": "6,5", "evidence": "Báo cáo"}
    )
    assert response.status_code == 200
    data = response.json()
    assert data["ok"] and data["summary"]["total"] == "6,5" and "1.1" not in data["summary"]["missing"]
    assert data["summary"]["level"] == "Không đạt"
    answer.refresh_from_db()
    assert str(answer.self_points) == "6.5" and answer.evidence == "Báo cáo"


def test_autosave_refuses_bad_points_with_the_rule(world, login, assessment):
    answer = assessment.answers.get(item_code="1.1")
    response = login(world.secretary).post(reverse("evaluations:answer_save", args=[answer.pk]), {"value": "9"})
    assert response.status_code == 400 and "vượt quá điểm tối đa (7)" in response.json()["message"]


def test_an_evidence_note_over_the_limit_is_refused_and_nothing_is_saved(world, login, assessment):
    answer = assessment.answers.get(item_code="1.1")
    services.save_self_answer(answer=answer, by=world.secretary, value="5", evidence="Báo cáo quý I")
    history = answer.history.count()
    response = login(world.secretary).post(
        reverse("evaluations:answer_save", args=[answer.pk]), {"value": "6", "evidence": "x" * (EVIDENCE_MAX_CHARS + 1)}
    )
    assert response.status_code == 400
    assert response.json()["message"] == (
        "Tiêu chí 1.1: phần minh chứng, ghi chú dài 5.001 ký tự, quá mức tối đa 5.000 ký tự; "
        "hãy rút gọn, tài liệu dài thì đính kèm tệp."
    )
    answer.refresh_from_db()
    assert (answer.self_points, answer.evidence) == (5, "Báo cáo quý I")
    assert answer.history.count() == history


def test_an_evidence_note_at_the_limit_is_saved_counting_a_line_break_once(world, login, assessment):
    answer = assessment.answers.get(item_code="1.1")
    note = "x" * (EVIDENCE_MAX_CHARS - 3) + "\r\nab"  # as a browser sends a textarea's line break
    response = login(world.secretary).post(
        reverse("evaluations:answer_save", args=[answer.pk]), {"value": "6", "evidence": note}
    )
    assert response.status_code == 200
    answer.refresh_from_db()
    assert answer.evidence == note.replace("\r\n", "\n")


def test_the_evidence_field_tells_the_browser_its_limit(world, login, assessment):
    html = login(world.secretary).get(_sheet_url(assessment.campaign, assessment.unit)).content.decode()
    assert (
        f'class="form-control sheet-evidence" id="e{assessment.answers.first().pk}" rows="2" maxlength="5000"' in html
    )


def test_a_request_too_large_for_the_server_gets_the_vietnamese_400_page(world, login, assessment, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    answer = assessment.answers.get(item_code="1.1")
    response = login(world.secretary).post(
        reverse("evaluations:answer_save", args=[answer.pk]), {"value": "6", "evidence": "x" * 20_000}
    )
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode() and "Bad Request" not in response.content.decode()
    answer.refresh_from_db()
    assert answer.self_points is None


def test_autosave_stale_answer_is_409_with_the_saved_value(world, login, assessment):
    from common.locking import version_token

    answer = assessment.answers.get(item_code="1.1")
    token = version_token(answer)
    services.save_self_answer(answer=answer, by=world.secretary, value="5")
    response = login(world.secretary).post(
        reverse("evaluations:answer_save", args=[answer.pk]), {"value": "6", "version": token}
    )
    assert response.status_code == 409
    assert response.json()["current"]["value"] == "5"


def test_autosave_is_for_the_unit_only(world, login, assessment):
    url = reverse("evaluations:answer_save", args=[assessment.answers.first().pk])
    assert login(world.outsider).post(url, {"value": "1"}).status_code == 404
    assert login(world.kp_officer).post(url, {"value": "1"}).status_code == 403
    assert login(world.secretary).get(url).status_code == 405


def test_evidence_upload_checks_content_and_serves_only_in_scope(world, login, assessment):
    answer = assessment.answers.get(item_code="1.2")
    client = login(world.secretary)
    upload = reverse("evaluations:attachment_upload", args=[answer.pk])
    fake = SimpleUploadedFile("bao-cao.pdf", b"this is plain text", content_type="application/pdf")
    response = client.post(upload, {"file": fake}, follow=True)
    assert "không phải PDF, ảnh" in response.content.decode()
    png_named_pdf = SimpleUploadedFile("anh.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 64, content_type="application/pdf")
    response = client.post(upload, {"file": png_named_pdf}, follow=True)
    assert "không đúng với đuôi .pdf" in response.content.decode()
    assert not Attachment.objects.exists()
    client.post(upload, {"file": SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf")})
    record = Attachment.objects.get()
    assert record.content_type == "application/pdf" and record.original_name == "bien-ban.pdf"
    download = reverse("evaluations:attachment", args=[record.pk])
    response = client.get(download)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Cache-Control"] == "no-store, private"
    assert login(world.outsider).get(download).status_code == 404
    assert login(world.kp_officer).get(download).status_code == 200


def test_evidence_over_the_limit_is_refused(world, login, assessment, settings):
    settings.EVIDENCE_MAX_FILE_BYTES = 50
    answer = assessment.answers.get(item_code="1.2")
    response = login(world.secretary).post(
        reverse("evaluations:attachment_upload", args=[answer.pk]),
        {"file": SimpleUploadedFile("lon.pdf", PDF, content_type="application/pdf")},
        follow=True,
    )
    assert "Tệp “lon.pdf” lớn hơn 0 MB" in response.content.decode()
    assert not Attachment.objects.exists()


def test_evidence_uploaded_by_the_page_answers_with_its_row(world, login, assessment):
    answer = assessment.answers.get(item_code="1.2")
    client = login(world.secretary)
    upload = reverse("evaluations:attachment_upload", args=[answer.pk])
    pdf = SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf")
    response = _autosave(client, upload, {"file": pdf})
    assert response.status_code == 200
    data = response.json()
    record = Attachment.objects.get()
    assert data["ok"] and data["refused"] == [] and len(data["added"]) == 1
    row = data["added"][0]
    assert reverse("evaluations:attachment", args=[record.pk]) in row and "bien-ban.pdf" in row
    assert reverse("evaluations:attachment_remove", args=[record.pk]) in row and "csrfmiddlewaretoken" in row
    fake = SimpleUploadedFile("ghi-chu.pdf", b"plain text", content_type="application/pdf")
    response = _autosave(client, upload, {"file": fake})
    assert response.status_code == 400 and response.json()["added"] == []
    assert response.json()["refused"][0].startswith("Tiêu chí 1.2: ")
    html = client.get(_sheet_url(assessment.campaign, world.units.eaphe)).content.decode()
    assert "đã thêm" not in html and "không phải PDF" not in html  # said on the page already, not again


def test_removed_evidence_is_kept_but_no_longer_served(world, login, assessment):
    answer = assessment.answers.get(item_code="1.2")
    client = login(world.secretary)
    client.post(
        reverse("evaluations:attachment_upload", args=[answer.pk]),
        {"file": SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf")},
    )
    record = Attachment.objects.get()
    assert client.get(reverse("evaluations:attachment_remove", args=[record.pk])).status_code == 405
    client.post(reverse("evaluations:attachment_remove", args=[record.pk]))
    record.refresh_from_db()
    assert record.removed_at is not None
    assert client.get(reverse("evaluations:attachment", args=[record.pk])).status_code == 404


def test_submit_incomplete_names_missing_items(world, login, assessment):
    response = login(world.secretary).post(reverse("evaluations:assessment_submit", args=[assessment.pk]), follow=True)
    assert "Còn 16 tiêu chí chưa chấm: 1.1, 1.2" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == FormStatus.DRAFT


def test_double_submit_does_not_submit_twice(world, login, assessment):
    score_all(assessment, world.secretary)
    client = login(world.secretary)
    url = reverse("evaluations:assessment_submit", args=[assessment.pk])
    client.post(url)
    response = client.post(url, follow=True)
    assert "Việc này đã được thực hiện: trạng thái hiện tại là “Chờ cấp trên xem xét”" in response.content.decode()
    assert [e.to_status for e in events_for(assessment)] == [FormStatus.SUBMITTED]


# --- review -------------------------------------------------------------------------------------------------


def test_officer_reviews_lowers_an_item_and_approves(world, login, submitted):
    client = login(world.kp_officer)
    page = client.get(reverse("evaluations:review", args=[submitted.pk]))
    assert page.status_code == 200
    answer = submitted.answers.get(item_code="2.1")
    response = client.post(
        reverse("evaluations:review_answer_save", args=[answer.pk]), {"value": "3", "comment": "Kế hoạch chưa cụ thể"}
    )
    assert response.status_code == 200 and response.json()["differs"] is True
    assert response.json()["summary"]["total"] == "97"
    client.post(reverse("evaluations:review_decide", args=[submitted.pk]), {"action": "accept"})
    submitted.refresh_from_db()
    assert submitted.status == FormStatus.APPROVED and submitted.review_total == 97
    html = login(world.secretary).get(submitted.get_absolute_url()).content.decode()
    assert "Kết quả thẩm định: Đạt “Đoàn cơ sở 3 chủ động” – Xuất sắc" in html
    assert "Kế hoạch chưa cụ thể" in html


def test_unit_cannot_open_the_review_or_score_it(world, login, submitted):
    client = login(world.secretary)
    assert client.get(reverse("evaluations:review", args=[submitted.pk])).status_code == 302
    answer = submitted.answers.first()
    assert client.post(reverse("evaluations:review_answer_save", args=[answer.pk]), {"value": "1"}).status_code == 403
    assert (
        client.post(reverse("evaluations:review_decide", args=[submitted.pk]), {"action": "accept"}).status_code == 403
    )
    assert login(world.outsider).get(reverse("evaluations:review", args=[submitted.pk])).status_code == 404


def test_return_needs_a_reason(world, login, submitted):
    client = login(world.kp_officer)
    response = client.post(
        reverse("evaluations:review_decide", args=[submitted.pk]), {"action": "return", "reason": ""}, follow=True
    )
    assert "Hãy ghi lý do." in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == FormStatus.SUBMITTED


def test_history_shows_who_changed_a_score(world, login, submitted):
    answer = submitted.answers.get(item_code="2.1")
    services.save_review_answer(answer=answer, by=world.kp_officer, value="3")
    page = login(world.kp_officer).get(reverse("evaluations:review", args=[submitted.pk])).content.decode()
    table = page.split('class="table table-sm small history-changes"')[1]
    assert "canbo.krongpac" in table and "Điểm thẩm định: — → 3" in table


# --- queue, notices, to-do ----------------------------------------------------------------------------------


def _submitted_registration(world, campaign, unit, user):
    record = services.start_registration(campaign=campaign, unit=unit, by=user)
    fill_registration(record, user)
    return services.submit_registration(registration=record, by=user, today=TODAY)


def test_queue_lists_what_waits_in_scope_only(world, login, campaign):
    _submitted_registration(world, campaign, world.units.eaphe, world.secretary)
    _submitted_registration(world, campaign, world.units.tanloi, world.bmt_secretary)
    html = login(world.kp_officer).get(reverse("evaluations:review_queue")).content.decode()
    assert "Đoàn xã Ea Phê" in html and "Đoàn phường Tân Lợi" not in html
    assert "Huyện đoàn Krông Pắc" in html
    province = login(world.province).get(reverse("evaluations:review_queue")).content.decode()
    assert "Đoàn xã Ea Phê" in province and "Đoàn phường Tân Lợi" in province
    secretary = login(world.secretary).get(reverse("evaluations:review_queue")).content.decode()
    assert "Không có gì đang chờ bạn xử lý." in secretary


def test_queue_query_count_does_not_grow_with_rows(world, login, campaign):
    _submitted_registration(world, campaign, world.units.eaphe, world.secretary)
    client = login(world.kp_officer)
    url = reverse("evaluations:review_queue")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(5):
        unit = make_unit(world.units.kp, f"DL-KP-X{n}", f"Đoàn xã X{n}", UnitType.GRASSROOTS)
        user = make_user(f"bithu.x{n}", unit, Role.GRASSROOTS_SECRETARY)
        _submitted_registration(world, campaign, unit, user)
    with CaptureQueriesContext(connection) as six:
        response = client.get(url)
    assert response.content.decode().count("Đoàn xã X") == 5
    assert len(six) == len(one)


def test_notices_list_events_in_scope(world, login, campaign):
    _submitted_registration(world, campaign, world.units.eaphe, world.secretary)
    html = login(world.kp_officer).get(reverse("evaluations:notices")).content.decode()
    assert "Đoàn xã Ea Phê</strong> – Đăng ký năm 2026: Chờ cấp trên xem xét" in html
    assert "Đoàn xã Ea Phê" not in login(world.outsider).get(reverse("evaluations:notices")).content.decode()


def test_todo_panel_for_the_secretary_and_the_officer(world, login, campaign):
    page = login(world.secretary).get(world.units.eaphe.get_absolute_url()).content.decode()
    assert "Việc cần làm" in page and "Đăng ký “3 chủ động” năm 2026" in page
    assert _reg_url(campaign, world.units.eaphe) in page
    _submitted_registration(world, campaign, world.units.eaphe, world.secretary)
    officer = login(world.kp_officer).get(world.units.kp.get_absolute_url()).content.decode()
    assert "1 bản đăng ký chờ chấp nhận" in officer
    outsider = login(world.outsider).get(world.units.bmt.get_absolute_url()).content.decode()
    assert "bản đăng ký chờ chấp nhận" not in outsider


def test_extension_lets_a_late_unit_submit(world, login, registration):
    fill_registration(registration, world.secretary)
    url = reverse("evaluations:extension_create", args=[registration.campaign_id, world.units.eaphe.pk])
    assert login(world.secretary).get(url).status_code == 403
    assert login(world.outsider).get(url).status_code == 404
    new_due = (LATE + datetime.timedelta(days=3)).strftime("%d/%m/%Y")
    response = login(world.kp_officer).post(url, {"stage": "registration", "due_date": new_due, "reason": ""})
    assert response.status_code == 200 and "Trường này là bắt buộc." in response.content.decode()
    login(world.kp_officer).post(url, {"stage": "registration", "due_date": new_due, "reason": "Bầu lại BCH"})
    services.submit_registration(registration=registration, by=world.secretary, today=LATE)
    assert registration.status == FormStatus.SUBMITTED


def test_opening_the_sheet_twice_makes_one_sheet(world, login, campaign):
    client = login(world.secretary)
    client.post(_sheet_url(campaign, world.units.eaphe))
    client.post(_sheet_url(campaign, world.units.eaphe))
    assert Assessment.objects.count() == 1 and Answer.objects.count() == 16


def test_queue_pages_oldest_first(world, login, campaign, monkeypatch):
    from evaluations.cycle import contexts

    monkeypatch.setattr(contexts, "QUEUE_PAGE_SIZE", 2)
    for n in range(3):
        unit = make_unit(world.units.kp, f"DL-KP-Q{n}", f"Đoàn xã Q{n}", UnitType.GRASSROOTS)
        _submitted_registration(world, campaign, unit, make_user(f"bithu.q{n}", unit, Role.GRASSROOTS_SECRETARY))
    client = login(world.kp_officer)
    first = client.get(reverse("evaluations:review_queue")).content.decode()
    second = client.get(reverse("evaluations:review_queue") + "?trang=2").content.decode()
    assert "Đoàn xã Q0" in first and "Đoàn xã Q1" in first and "Đoàn xã Q2" not in first
    assert "Đoàn xã Q2" in second and "Trang 2/2" in second
    assert "3 bản đăng ký chờ chấp nhận" in first


def _text(html: str) -> str:
    """The page's words without markup, whitespace collapsed."""
    import re

    return " ".join(re.sub(r"<[^>]+>", " ", html.split("<main", 1)[1]).split())


def test_an_approved_sheet_shows_one_result_its_reviewed_one(world, login, submitted):
    answer = submitted.answers.get(item_code="2.1")
    services.save_review_answer(answer=answer, by=world.kp_officer, value="3")
    sheet = services.approve_assessment(assessment=submitted, by=world.kp_officer, summary="")
    text = _text(login(world.secretary).get(sheet.get_absolute_url()).content.decode())
    assert "Kết quả thẩm định: Đạt “Đoàn cơ sở 3 chủ động” – Xuất sắc" in text
    assert "điểm thẩm định 97/100" in text
    assert "Tự chấm: 100 / 100" in text
    assert text.count("Kết quả") == 1
    assert "Tổng:" not in text


def test_finished_forms_show_no_overdue_badge(world, login, submitted, registration):
    fill_registration(registration, world.secretary)
    record = services.submit_registration(registration=registration, by=world.secretary, today=TODAY)
    services.accept_registration(registration=record, by=world.kp_officer)
    sheet = services.approve_assessment(assessment=submitted, by=world.kp_officer, summary="")
    long_ago = TODAY - datetime.timedelta(days=373)
    Campaign.objects.filter(pk=sheet.campaign_id).update(
        registration_due=long_ago, self_assessment_due=long_ago, review_due=long_ago
    )
    client = login(world.secretary)
    for url in (_sheet_url(sheet.campaign, sheet.unit), _reg_url(sheet.campaign, sheet.unit)):
        assert "quá hạn" not in client.get(url).content.decode(), url
    # A sheet the unit still has to send does say so.
    Assessment.objects.filter(pk=sheet.pk).update(status=FormStatus.DRAFT)
    assert "quá hạn 373 ngày" in client.get(_sheet_url(sheet.campaign, sheet.unit)).content.decode()


def test_people_are_named_family_name_first_in_histories_and_notices(world, login, submitted):
    """The secretary is H' Linh (family name H', given name Linh): never "Linh H'"."""
    world.kp_officer.first_name, world.kp_officer.last_name = "Hùng", "Nguyễn Văn"
    world.kp_officer.save()
    services.save_review_answer(answer=submitted.answers.get(item_code="2.1"), by=world.kp_officer, value="3")
    services.extend_deadline(
        campaign=submitted.campaign,
        unit=submitted.unit,
        by=world.kp_officer,
        stage="self_assessment",
        due_date=TODAY + datetime.timedelta(days=70),
        reason="Mưa lũ",
    )
    client = login(world.kp_officer)
    pages = {
        "review": client.get(reverse("evaluations:review", args=[submitted.pk])).content.decode(),
        "notices": client.get(reverse("evaluations:notices")).content.decode(),
        "extension": client.get(
            reverse("evaluations:extension_create", args=[submitted.campaign_id, submitted.unit_id])
        ).content.decode(),
    }
    assert "H&#x27; Linh" in pages["review"] and "H&#x27; Linh" in pages["notices"]
    assert "Nguyễn Văn Hùng" in pages["review"] and "Nguyễn Văn Hùng" in pages["extension"]
    for name, page in pages.items():
        assert "Linh H&#x27;" not in page and "Hùng Nguyễn Văn" not in page, name


def test_every_aria_describedby_of_the_registration_names_a_text_on_the_page(world, login, registration):
    import re

    html = login(world.secretary).get(_reg_url(registration.campaign, world.units.eaphe)).content.decode()
    described = set(re.findall(r'aria-describedby="([^"]+)"', html))
    assert described  # the targets' help texts
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    assert described <= ids, described - ids
    assert "Số đoàn viên mới đơn vị đăng ký đạt trong năm." in html


def test_a_registration_read_only_shows_its_texts_whole(world, login, registration):
    long_text = "Quý I: rà soát danh sách đoàn viên; " * 12
    services.save_registration(
        registration=registration,
        by=world.secretary,
        targets={"target_new_members": 20},
        focus="Tiêu chí 1.3",
        entries={(n, ""): {"commitment": long_text, "solutions": "Giải pháp", "roadmap": "Quý I"} for n in (1, 2, 3)},
    )
    services.submit_registration(registration=registration, by=world.secretary, today=TODAY)
    html = login(world.kp_officer).get(_reg_url(registration.campaign, world.units.eaphe)).content.decode()
    form = html.split('id="registration-form"')[1].split("</form>")[0]
    assert "<textarea" not in form and '<input type="number"' not in form  # no boxes that cut text off
    assert form.count(long_text.strip()) == 3
    assert "20" in form and "Tiêu chí 1.3" in form


def test_the_party_target_keeps_the_capital_of_dang(world, login, registration):
    html = login(world.secretary).get(_reg_url(registration.campaign, world.units.eaphe)).content.decode()
    assert "Giới thiệu đoàn viên ưu tú cho Đảng" in html and "cho đảng" not in html
