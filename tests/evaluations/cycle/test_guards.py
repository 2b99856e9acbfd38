"""Every refusal of the cycle's steps (the year, a unit's registration, a unit's sheet): the error with its message,
and nothing written — the record as it was, no status event, no history row, no file, no extension."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from branches.models import Unit
from common.locking import version_token
from criteria.services import add_local_item
from evaluations.cycle import services
from evaluations.cycle.models import Attachment, Stage
from evaluations.errors import EvaluationError

from ..conftest import LATE, REGISTRATION_DUE, TODAY, fill_registration, score_all
from ..refusals import refused, row_counts

DAY = datetime.timedelta(days=1)
CLOSED = "Năm đánh giá 2026 đã khóa sổ; mọi phiếu chỉ còn để xem."
NOT_ALLOWED = "Bạn không có quyền thực hiện thao tác này."
REASON = "Hãy ghi lý do."
DONE = "Việc này đã được thực hiện"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def close(world, campaign):
    services.close_campaign(campaign=campaign, by=world.province)
    campaign.refresh_from_db()


def dissolve(unit, on=TODAY):
    Unit.objects.filter(pk=unit.pk).update(valid_to=on)
    unit.refresh_from_db()


def pdf(name="minh-chung.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def sent(world, registration):
    """Ea Phê's registration, filled in and submitted."""
    fill_registration(registration, world.secretary)
    return services.submit_registration(registration=registration, by=world.secretary, today=TODAY)


@pytest.fixture
def approved(world, submitted):
    return services.approve_assessment(assessment=submitted, by=world.kp_officer)


# --- the year -------------------------------------------------------------------------------------------------


def _open(world, by=None, year=2026, order=(1, 2, 3)):
    registration_due, self_due, review_due = (TODAY + n * DAY for n in order)
    return services.open_campaign(
        organiser=world.units.province,
        year=year,
        by=by or world.province,
        registration_due=registration_due,
        self_assessment_due=self_due,
        review_due=review_due,
    )


def test_a_district_officer_cannot_open_a_year(world):
    with refused(EvaluationError, "Chỉ Ban Tổ chức – Kiểm tra Tỉnh đoàn được mở năm đánh giá."):
        _open(world, by=world.kp_officer)


def test_a_year_without_a_published_set_is_not_opened(world):
    with refused(EvaluationError, "Năm 2010 chưa có bộ tiêu chí nào đã công bố; hãy công bố bộ tiêu chí trước."):
        _open(world, year=2010)


@pytest.mark.parametrize("order", [(2, 1, 3), (1, 3, 2), (3, 2, 1)])
def test_deadlines_out_of_order_are_refused_on_opening(world, order):
    with refused(EvaluationError, "Các hạn phải theo thứ tự: đăng ký, rồi tự đánh giá, rồi thẩm định."):
        _open(world, order=order)


def test_a_year_is_not_opened_twice(world, campaign):
    with refused(EvaluationError, "Năm 2026 đã được mở.", campaign):
        _open(world)


def _update(campaign, by, **dates):
    return services.update_campaign(campaign=campaign, by=by, **dates)


def test_a_district_officer_cannot_change_the_deadlines(world, campaign):
    with refused(EvaluationError, "Chỉ Ban Tổ chức – Kiểm tra Tỉnh đoàn được sửa năm đánh giá.", campaign):
        _update(campaign, world.kp_officer, review_due=campaign.review_due + DAY)


def test_the_deadlines_of_a_closed_year_stay(world, campaign):
    close(world, campaign)
    with refused(EvaluationError, CLOSED, campaign):
        _update(campaign, world.province, review_due=campaign.review_due + DAY)


def test_a_stale_change_of_the_deadlines_is_refused(world, campaign):
    token = version_token(campaign)
    _update(campaign, world.province, review_due=campaign.review_due + DAY)
    with refused(
        services.StaleError, "Năm đánh giá 2026 vừa được lưu từ một thẻ hoặc thiết bị khác của chính bạn.", campaign
    ):
        services.update_campaign(
            campaign=campaign, by=world.province, expected_version=token, review_due=campaign.review_due + 2 * DAY
        )


def test_a_change_that_breaks_the_order_of_the_deadlines_is_refused(world, campaign):
    with refused(EvaluationError, "Các hạn phải theo thứ tự", campaign):
        _update(campaign, world.province, registration_due=campaign.self_assessment_due + DAY)


def test_only_the_province_closes_and_reopens_a_year(world, campaign):
    with refused(EvaluationError, NOT_ALLOWED, campaign):
        services.close_campaign(campaign=campaign, by=world.kp_officer)
    close(world, campaign)
    with refused(EvaluationError, NOT_ALLOWED, campaign):
        services.reopen_campaign(campaign=campaign, by=world.kp_officer, reason="Sửa sai")


def test_reopening_a_year_needs_a_reason(world, campaign):
    close(world, campaign)
    with refused(EvaluationError, REASON, campaign):
        services.reopen_campaign(campaign=campaign, by=world.province, reason=" ")


def test_closing_a_closed_year_again_is_refused(world, campaign):
    close(world, campaign)
    with refused(EvaluationError, DONE, campaign):
        services.close_campaign(campaign=campaign, by=world.province)


def _extend(world, campaign, *, by=None, due=None, reason="Bão lũ", unit=None, stage=Stage.REGISTRATION):
    return services.extend_deadline(
        campaign=campaign,
        unit=unit or world.units.eaphe,
        stage=stage,
        due_date=due or campaign.due(stage) + 5 * DAY,
        reason=reason,
        by=by or world.kp_officer,
    )


@pytest.mark.parametrize("who", ["secretary", "outsider", "bmt_secretary"])
def test_only_a_superior_extends_a_deadline(world, campaign, who):
    with refused(EvaluationError, "Chỉ đơn vị cấp trên trực tiếp được gia hạn cho đơn vị này."):
        _extend(world, campaign, by=getattr(world, who))


def test_no_extension_in_a_closed_year(world, campaign):
    close(world, campaign)
    with refused(EvaluationError, CLOSED):
        _extend(world, campaign)


def test_an_extension_needs_a_reason(world, campaign):
    with refused(EvaluationError, "Hãy ghi lý do gia hạn."):
        _extend(world, campaign, reason="  ")


@pytest.mark.parametrize("days", [0, -1])
def test_an_extension_must_end_after_the_common_deadline(world, campaign, days):
    due = campaign.registration_due
    with refused(EvaluationError, f"Hạn mới phải sau hạn chung ({due:%d/%m/%Y})."):
        _extend(world, campaign, due=due + days * DAY)


def test_a_refused_change_of_an_extension_keeps_the_one_granted(world, campaign):
    extension = _extend(world, campaign)
    with refused(EvaluationError, "Hãy ghi lý do gia hạn.", extension):
        _extend(world, campaign, due=campaign.registration_due + 9 * DAY, reason="")
    with refused(EvaluationError, "Chỉ đơn vị cấp trên trực tiếp", extension):
        _extend(world, campaign, by=world.outsider, due=campaign.registration_due + 9 * DAY)


# --- a unit's registration ------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["kp_officer", "outsider", "bmt_secretary", "province"])
def test_only_the_units_own_people_start_its_registration(world, campaign, who):
    with refused(EvaluationError, "Chỉ bí thư, cán bộ của đơn vị được lập bản đăng ký."):
        services.start_registration(campaign=campaign, unit=world.units.eaphe, by=getattr(world, who))


def test_a_dissolved_unit_starts_no_registration(world, campaign):
    dissolve(world.units.eaphe)
    with refused(EvaluationError, "Chỉ bí thư, cán bộ của đơn vị được lập bản đăng ký."):
        services.start_registration(campaign=campaign, unit=world.units.eaphe, by=world.secretary)


def test_no_registration_is_started_in_a_closed_year(world, campaign):
    close(world, campaign)
    with refused(EvaluationError, CLOSED):
        services.start_registration(campaign=campaign, unit=world.units.eaphe, by=world.secretary)


def _save(registration, by, **extra):
    entries = {(1, ""): {"commitment": "Cam kết mới", "solutions": "", "roadmap": ""}}
    return services.save_registration(
        registration=registration, by=by, targets={"target_new_members": 99}, focus="Khác", entries=entries, **extra
    )


@pytest.mark.parametrize("who", ["kp_officer", "outsider", "bmt_secretary"])
def test_only_the_units_own_people_save_its_registration(world, registration, who):
    fill_registration(registration, world.secretary)
    with refused(EvaluationError, "Bạn không có quyền sửa bản đăng ký của đơn vị này.", registration):
        _save(registration, getattr(world, who))


def test_a_dissolved_units_registration_is_not_saved(world, registration):
    dissolve(world.units.eaphe)
    with refused(EvaluationError, "Bạn không có quyền sửa bản đăng ký của đơn vị này.", registration):
        _save(registration, world.secretary)


def test_a_registration_of_a_closed_year_is_not_saved(world, campaign, registration):
    fill_registration(registration, world.secretary)
    close(world, campaign)
    with refused(EvaluationError, CLOSED, registration):
        _save(registration, world.secretary)


@pytest.mark.parametrize("step", ["submitted", "accepted"])
def test_a_sent_or_accepted_registration_is_not_saved(world, sent, step):
    if step == "accepted":
        services.accept_registration(registration=sent, by=world.kp_officer)
    with refused(EvaluationError, "Bản đăng ký đã nộp hoặc đã được chấp nhận nên không sửa được", sent):
        _save(sent, world.secretary)


def test_a_stale_save_of_a_registration_is_refused(world, registration):
    token = version_token(registration)
    fill_registration(registration, world.secretary)
    with refused(
        services.StaleError, "Bản đăng ký vừa được lưu từ một thẻ hoặc thiết bị khác của chính bạn.", registration
    ):
        _save(registration, world.secretary, expected_version=token)


def test_a_registration_is_not_sent_after_the_deadline(world, registration):
    fill_registration(registration, world.secretary)
    with refused(EvaluationError, f"Đã quá hạn đăng ký ({REGISTRATION_DUE:%d/%m/%Y}).", registration):
        services.submit_registration(registration=registration, by=world.secretary, today=LATE)


def test_a_registration_is_not_sent_once_its_extension_has_run_out(world, campaign, registration):
    fill_registration(registration, world.secretary)
    extension = _extend(world, campaign, due=REGISTRATION_DUE + 3 * DAY)
    with refused(EvaluationError, f"Đã quá hạn đăng ký ({extension.due_date:%d/%m/%Y}).", registration):
        services.submit_registration(registration=registration, by=world.secretary, today=extension.due_date + DAY)


def test_a_returned_registration_is_not_sent_past_the_deadline_and_the_grace(world, sent):
    services.return_registration(registration=sent, by=world.kp_officer, reason="Bổ sung")
    with refused(EvaluationError, "Đã quá hạn đăng ký", sent):
        services.submit_registration(registration=sent, by=world.secretary, today=REGISTRATION_DUE + 40 * DAY)


def test_a_registration_without_the_three_groups_is_not_sent(world, registration):
    _save(registration, world.secretary)
    with refused(EvaluationError, "Chưa nộp được: Nhóm 2: chưa ghi nội dung đăng ký.", registration):
        services.submit_registration(registration=registration, by=world.secretary, today=TODAY)


@pytest.mark.parametrize("who", ["kp_officer", "province", "outsider"])
def test_the_reviewer_does_not_send_the_units_registration(world, registration, who):
    fill_registration(registration, world.secretary)
    with refused(EvaluationError, NOT_ALLOWED, registration):
        services.submit_registration(registration=registration, by=getattr(world, who), today=TODAY)


def test_a_dissolved_unit_sends_no_registration(world, registration):
    fill_registration(registration, world.secretary)
    dissolve(world.units.eaphe)
    with refused(EvaluationError, NOT_ALLOWED, registration):
        services.submit_registration(registration=registration, by=world.secretary, today=TODAY)


def test_a_registration_is_not_sent_twice(world, sent):
    with refused(EvaluationError, DONE, sent):
        services.submit_registration(registration=sent, by=world.secretary, today=TODAY)


@pytest.mark.parametrize("who", ["secretary", "outsider", "bmt_secretary"])
def test_the_unit_and_a_sibling_do_not_decide_on_a_registration(world, sent, who):
    user = getattr(world, who)
    with refused(EvaluationError, NOT_ALLOWED, sent):
        services.accept_registration(registration=sent, by=user)
    with refused(EvaluationError, NOT_ALLOWED, sent):
        services.return_registration(registration=sent, by=user, reason="Bổ sung")


def test_returning_a_registration_needs_a_reason(world, sent):
    with refused(EvaluationError, REASON, sent):
        services.return_registration(registration=sent, by=world.kp_officer, reason=" ")
    services.accept_registration(registration=sent, by=world.kp_officer)
    with refused(EvaluationError, REASON, sent):  # reopening an accepted one too
        services.return_registration(registration=sent, by=world.kp_officer, reason="")


def test_no_decision_on_a_registration_of_a_closed_year(world, campaign, sent):
    close(world, campaign)
    with refused(EvaluationError, CLOSED, sent):
        services.accept_registration(registration=sent, by=world.kp_officer)
    with refused(EvaluationError, CLOSED, sent):
        services.return_registration(registration=sent, by=world.kp_officer, reason="Bổ sung")


def test_no_decision_on_a_draft_registration(world, registration):
    with refused(EvaluationError, "Không thể chuyển từ “Đang soạn” sang “Đã được chấp nhận”.", registration):
        services.accept_registration(registration=registration, by=world.kp_officer)
    with refused(EvaluationError, "Không thể chuyển từ “Đang soạn” sang “Bị trả lại”.", registration):
        services.return_registration(registration=registration, by=world.kp_officer, reason="Bổ sung")


# --- a unit's sheet: self-assessment and evidence ---------------------------------------------------------------


@pytest.mark.parametrize("who", ["kp_officer", "outsider", "bmt_secretary"])
def test_only_the_units_own_people_start_its_sheet(world, campaign, who):
    with refused(EvaluationError, "Chỉ bí thư, cán bộ của đơn vị được lập bản tự đánh giá."):
        services.start_assessment(campaign=campaign, unit=world.units.eaphe, by=getattr(world, who))


def test_no_sheet_is_started_in_a_closed_year_or_for_a_dissolved_unit(world, campaign):
    dissolve(world.units.eakenh)
    with refused(EvaluationError, "Chỉ bí thư, cán bộ của đơn vị được lập bản tự đánh giá."):
        services.start_assessment(campaign=campaign, unit=world.units.eakenh, by=world.secretary)
    close(world, campaign)
    with refused(EvaluationError, CLOSED):
        services.start_assessment(campaign=campaign, unit=world.units.eaphe, by=world.secretary)


def test_an_existing_sheet_gains_no_answers_in_a_closed_year_or_for_someone_else(world, campaign, assessment):
    add_local_item(
        unit=world.units.kp, by=world.kp_officer, year=2026, group_number=2, kind="check", text="Ngày chủ nhật xanh"
    )
    before = row_counts()
    for who in ("kp_officer", "province"):  # the reviewers open the unit's sheet
        assert (
            services.start_assessment(campaign=campaign, unit=world.units.eaphe, by=getattr(world, who)) == assessment
        )
    assert row_counts() == before
    close(world, campaign)
    before = row_counts()
    services.start_assessment(campaign=campaign, unit=world.units.eaphe, by=world.secretary)
    assert row_counts() == before
    services.reopen_campaign(campaign=campaign, by=world.province, reason="Bổ sung tiêu chí")
    services.start_assessment(campaign=campaign, unit=world.units.eaphe, by=world.secretary)
    assert assessment.answers.filter(item_code="ĐP2.1").exists()


def _answer(assessment, code="1.1"):
    return assessment.answers.get(item_code=code)


@pytest.mark.parametrize("who", ["kp_officer", "outsider", "bmt_secretary"])
def test_only_the_units_own_people_score_its_sheet(world, assessment, who):
    answer = _answer(assessment)
    with refused(EvaluationError, "Bạn không có quyền sửa bản tự đánh giá của đơn vị này.", answer, assessment):
        services.save_self_answer(answer=answer, by=getattr(world, who), value="5", evidence="Báo cáo")


def test_a_dissolved_unit_scores_nothing(world, assessment):
    answer = _answer(assessment)
    dissolve(world.units.eaphe)
    with refused(EvaluationError, "Bạn không có quyền sửa bản tự đánh giá của đơn vị này.", answer):
        services.save_self_answer(answer=answer, by=world.secretary, value="5")


def test_a_sheet_of_a_closed_year_is_not_scored(world, campaign, assessment):
    answer = _answer(assessment)
    services.save_self_answer(answer=answer, by=world.secretary, value="5", evidence="Báo cáo")
    close(world, campaign)
    with refused(EvaluationError, CLOSED, answer, assessment):
        services.save_self_answer(answer=answer, by=world.secretary, value="6", evidence="Khác")


@pytest.mark.parametrize("step", ["submitted", "approved"])
def test_a_sent_or_approved_sheet_is_not_scored_by_the_unit(world, submitted, step):
    if step == "approved":
        services.approve_assessment(assessment=submitted, by=world.kp_officer)
    answer = _answer(submitted)
    message = "Bản tự đánh giá đã nộp nên không sửa được; cần cấp trên trả lại."
    with refused(EvaluationError, message, answer, submitted):
        services.save_self_answer(answer=answer, by=world.secretary, value="1", evidence="Khác")


def test_a_stale_score_is_refused(world, assessment):
    answer = _answer(assessment)
    token = version_token(answer)
    services.save_self_answer(answer=answer, by=world.secretary, value="5")
    with refused(services.StaleError, "Tiêu chí 1.1 vừa được lưu từ một thẻ hoặc thiết bị khác của chính bạn.", answer):
        services.save_self_answer(answer=answer, by=world.secretary, value="6", expected_version=token)


def test_a_check_item_takes_only_met_or_not_met(world, campaign):
    add_local_item(
        unit=world.units.kp, by=world.kp_officer, year=2026, group_number=2, kind="check", text="Ngày chủ nhật xanh"
    )
    sheet = services.start_assessment(campaign=campaign, unit=world.units.eaphe, by=world.secretary)
    answer = _answer(sheet, "ĐP2.1")
    services.save_self_answer(answer=answer, by=world.secretary, value="dat")
    with refused(EvaluationError, "Tiêu chí ĐP2.1: chọn đạt hoặc không đạt.", answer):
        services.save_self_answer(answer=answer, by=world.secretary, value="có")


@pytest.mark.parametrize("who", ["kp_officer", "outsider", "bmt_secretary"])
def test_only_the_units_own_people_add_evidence(world, assessment, who):
    with refused(EvaluationError, "Bạn không có quyền thêm minh chứng cho đơn vị này.", assessment):
        services.add_attachment(answer=_answer(assessment), by=getattr(world, who), uploaded=pdf())


def test_no_evidence_is_added_in_a_closed_year(world, campaign, assessment):
    close(world, campaign)
    with refused(EvaluationError, CLOSED, assessment):
        services.add_attachment(answer=_answer(assessment), by=world.secretary, uploaded=pdf())


def test_no_evidence_is_added_to_a_sent_sheet(world, submitted):
    with refused(EvaluationError, "Bản tự đánh giá đã nộp nên không thêm minh chứng được.", submitted):
        services.add_attachment(answer=_answer(submitted), by=world.secretary, uploaded=pdf())


def test_a_file_over_the_per_file_cap_is_refused(world, assessment, settings):
    settings.EVIDENCE_MAX_FILE_BYTES = len(PDF) - 1
    with refused(EvaluationError, "Tệp “lon.pdf” lớn hơn 0 MB; hãy nén hoặc chia nhỏ."):
        services.add_attachment(answer=_answer(assessment), by=world.secretary, uploaded=pdf("lon.pdf"))
    settings.EVIDENCE_MAX_FILE_BYTES = len(PDF)  # the cap itself is allowed
    services.add_attachment(answer=_answer(assessment), by=world.secretary, uploaded=pdf("lon.pdf"))


def test_files_over_the_per_sheet_cap_are_refused_counting_the_whole_sheet(world, campaign, assessment, settings):
    settings.EVIDENCE_MAX_SHEET_BYTES = 2 * len(PDF)
    first = services.add_attachment(answer=_answer(assessment, "1.1"), by=world.secretary, uploaded=pdf())
    services.add_attachment(answer=_answer(assessment, "2.1"), by=world.secretary, uploaded=pdf())
    message = "Tổng dung lượng minh chứng của một phiếu không quá 0 MB; đã dùng 0 MB."
    with refused(EvaluationError, message, first):
        services.add_attachment(answer=_answer(assessment, "3.1"), by=world.secretary, uploaded=pdf())
    # another unit's sheet has its own allowance; a file taken off no longer counts
    other = services.start_assessment(campaign=campaign, unit=world.units.tanloi, by=world.bmt_secretary)
    services.add_attachment(answer=_answer(other), by=world.bmt_secretary, uploaded=pdf())
    services.remove_attachment(attachment=first, by=world.secretary)
    services.add_attachment(answer=_answer(assessment, "3.1"), by=world.secretary, uploaded=pdf())
    assert Attachment.objects.current().filter(answer__assessment=assessment).count() == 2


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("rong.pdf", b"", "Tệp “rong.pdf” rỗng."),
        ("gia.pdf", b"MZ not a pdf at all", "Tệp “gia.pdf” không phải PDF, ảnh (JPG, PNG), Word hay Excel"),
        ("bien-ban.docx", PDF, "Nội dung tệp “bien-ban.docx” không đúng với đuôi .docx của tên tệp."),
        ("bien-ban", PDF, "Nội dung tệp “bien-ban” không đúng với đuôi (không có đuôi) của tên tệp."),
    ],
)
def test_an_empty_or_disguised_file_is_refused(world, assessment, name, content, message):
    with refused(EvaluationError, message):
        services.add_attachment(answer=_answer(assessment), by=world.secretary, uploaded=pdf(name, content))


@pytest.fixture
def evidence(world, assessment):
    return services.add_attachment(answer=_answer(assessment), by=world.secretary, uploaded=pdf())


@pytest.mark.parametrize("who", ["kp_officer", "outsider", "bmt_secretary"])
def test_only_the_units_own_people_remove_evidence(world, evidence, who):
    with refused(EvaluationError, "Bạn không có quyền gỡ minh chứng của đơn vị này.", evidence):
        services.remove_attachment(attachment=evidence, by=getattr(world, who))


def test_evidence_of_a_sent_sheet_stays(world, assessment, evidence):
    score_all(assessment, world.secretary)
    services.submit_assessment(assessment=assessment, by=world.secretary, today=TODAY)
    with refused(EvaluationError, "Bản tự đánh giá đã nộp nên không gỡ minh chứng được.", evidence):
        services.remove_attachment(attachment=evidence, by=world.secretary)


def test_a_sheet_is_not_sent_after_the_deadline(world, campaign, assessment):
    score_all(assessment, world.secretary)
    due = campaign.self_assessment_due
    with refused(EvaluationError, f"Đã quá hạn tự đánh giá ({due:%d/%m/%Y}).", assessment):
        services.submit_assessment(assessment=assessment, by=world.secretary, today=due + DAY)


def test_a_sheet_with_an_item_not_scored_is_not_sent(world, assessment):
    score_all(assessment, world.secretary)
    services.save_self_answer(answer=_answer(assessment, "2.3"), by=world.secretary, value="")
    with refused(EvaluationError, "Còn 1 tiêu chí chưa chấm: 2.3.", assessment):
        services.submit_assessment(assessment=assessment, by=world.secretary, today=TODAY)


@pytest.mark.parametrize("who", ["kp_officer", "province", "outsider"])
def test_the_reviewer_does_not_send_the_units_sheet(world, assessment, who):
    score_all(assessment, world.secretary)
    with refused(EvaluationError, NOT_ALLOWED, assessment):
        services.submit_assessment(assessment=assessment, by=getattr(world, who), today=TODAY)


def test_a_sheet_is_not_sent_twice(world, submitted):
    with refused(EvaluationError, DONE, submitted):
        services.submit_assessment(assessment=submitted, by=world.secretary, today=TODAY)


# --- review ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["secretary", "outsider", "bmt_secretary"])
def test_the_unit_and_a_sibling_do_not_score_the_review(world, submitted, who):
    answer = _answer(submitted)
    with refused(EvaluationError, "Bạn không có quyền thẩm định đơn vị này.", answer, submitted):
        services.save_review_answer(answer=answer, by=getattr(world, who), value="1", comment="Thiếu")


def test_no_review_score_in_a_closed_year(world, campaign, submitted):
    answer = _answer(submitted)
    close(world, campaign)
    with refused(EvaluationError, CLOSED, answer, submitted):
        services.save_review_answer(answer=answer, by=world.kp_officer, value="1")


def test_no_review_score_on_a_sheet_not_sent(world, assessment):
    answer = _answer(assessment)
    with refused(EvaluationError, "Chỉ chấm thẩm định khi bản tự đánh giá đang chờ thẩm định.", answer):
        services.save_review_answer(answer=answer, by=world.kp_officer, value="1")


def test_review_scores_do_not_change_after_approval(world, submitted):
    services.save_review_answer(answer=_answer(submitted, "3.1"), by=world.kp_officer, value="2", comment="Thiếu")
    services.approve_assessment(assessment=submitted, by=world.kp_officer)
    answer = _answer(submitted, "3.1")
    with refused(EvaluationError, "Chỉ chấm thẩm định khi bản tự đánh giá đang chờ thẩm định.", answer, submitted):
        services.save_review_answer(answer=answer, by=world.kp_officer, value="0", comment="Sửa")
    # the stored total and level still agree with the items
    submitted.refresh_from_db()
    items = services.sheet_result(submitted, submitted.answers.all(), side="review")
    assert (items.total, items.level.code) == (submitted.review_total, submitted.level_code)


def test_a_stale_review_score_is_refused(world, submitted):
    answer = _answer(submitted)
    token = version_token(answer)
    services.save_review_answer(answer=answer, by=world.kp_officer, value="5")
    with refused(
        services.StaleError,
        "Điểm thẩm định tiêu chí 1.1 vừa được lưu từ một thẻ hoặc thiết bị khác của chính bạn.",
        answer,
    ):
        services.save_review_answer(answer=answer, by=world.kp_officer, value="4", expected_version=token)


def test_a_review_score_over_the_maximum_is_refused(world, submitted):
    answer = _answer(submitted)  # max 7
    with refused(EvaluationError, "Tiêu chí 1.1: Điểm không được vượt quá điểm tối đa", answer):
        services.save_review_answer(answer=answer, by=world.kp_officer, value="7.5")


@pytest.mark.parametrize("who", ["secretary", "outsider", "bmt_secretary"])
def test_the_unit_does_not_approve_return_or_reopen_its_own_sheet(world, submitted, who):
    user = getattr(world, who)
    with refused(EvaluationError, NOT_ALLOWED, submitted):
        services.approve_assessment(assessment=submitted, by=user)
    with refused(EvaluationError, NOT_ALLOWED, submitted):
        services.return_assessment(assessment=submitted, by=user, reason="Bổ sung")
    services.approve_assessment(assessment=submitted, by=world.kp_officer)
    with refused(EvaluationError, NOT_ALLOWED, submitted):
        services.reopen_assessment(assessment=submitted, by=user, reason="Sai điểm")


def test_returning_and_reopening_a_sheet_need_a_reason(world, submitted):
    with refused(EvaluationError, REASON, submitted):
        services.return_assessment(assessment=submitted, by=world.kp_officer, reason=" ")
    services.approve_assessment(assessment=submitted, by=world.kp_officer)
    with refused(EvaluationError, REASON, submitted):
        services.reopen_assessment(assessment=submitted, by=world.kp_officer, reason="")


def test_no_decision_on_a_sheet_of_a_closed_year(world, campaign, approved):
    close(world, campaign)
    with refused(EvaluationError, CLOSED, approved):
        services.reopen_assessment(assessment=approved, by=world.kp_officer, reason="Sai điểm")


def test_a_returned_sheet_of_a_closed_year_stays_returned(world, campaign, submitted):
    close(world, campaign)
    with refused(EvaluationError, CLOSED, submitted):
        services.return_assessment(assessment=submitted, by=world.kp_officer, reason="Bổ sung")


def test_steps_that_are_not_in_the_table_are_refused(world, campaign, approved):
    draft = services.start_assessment(campaign=campaign, unit=world.units.tanloi, by=world.bmt_secretary)
    with refused(EvaluationError, "Không thể chuyển từ “Đang soạn” sang “Đã thẩm định”.", draft):
        services.approve_assessment(assessment=draft, by=world.outsider)
    with refused(EvaluationError, "Không thể chuyển từ “Đang soạn” sang “Bị trả lại”.", draft):
        services.return_assessment(assessment=draft, by=world.outsider, reason="Bổ sung")
    with refused(EvaluationError, "Không thể chuyển từ “Đã thẩm định” sang “Bị trả lại”.", approved):
        services.return_assessment(assessment=approved, by=world.kp_officer, reason="Bổ sung")
    with refused(EvaluationError, DONE, approved):
        services.approve_assessment(assessment=approved, by=world.kp_officer)
