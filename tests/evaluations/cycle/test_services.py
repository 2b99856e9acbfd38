"""The yearly cycle's steps: registration, self-assessment, review; permissions, deadlines, stale saves."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail

from branches.models import Role
from common.models import StatusEvent
from common.workflow import events_for
from evaluations.cycle import services
from evaluations.errors import EvaluationError
from evaluations.models import Answer, FormStatus, Stage
from tests.conftest import make_user

from ..conftest import LATE, REGISTRATION_DUE, TODAY, fill_registration, score_all


def test_campaign_opens_on_the_set_in_force(campaign):
    assert campaign.criteria_set.code == "3CD-2023-2027" and campaign.is_open


def test_only_the_province_opens_a_campaign(world):
    with pytest.raises(EvaluationError, match="Ban Tổ chức"):
        services.open_campaign(
            organiser=world.units.province,
            year=2026,
            by=world.kp_officer,
            registration_due=TODAY,
            self_assessment_due=TODAY,
            review_due=TODAY,
        )


def test_a_year_opens_once(world, campaign):
    with pytest.raises(EvaluationError, match="đã được mở"):
        services.open_campaign(
            organiser=world.units.province,
            year=2026,
            by=world.province,
            registration_due=TODAY,
            self_assessment_due=TODAY,
            review_due=TODAY,
        )


def test_registration_round_trip_with_return_and_resubmit(world, registration):
    fill_registration(registration, world.secretary)
    services.submit_registration(registration=registration, by=world.secretary, today=TODAY)
    with pytest.raises(EvaluationError, match="lý do"):
        services.return_registration(registration=registration, by=world.kp_officer, reason=" ")
    services.return_registration(registration=registration, by=world.kp_officer, reason="Thiếu lộ trình nhóm 2")
    assert registration.status == FormStatus.RETURNED
    fill_registration(registration, world.secretary)
    services.submit_registration(registration=registration, by=world.secretary, today=TODAY)
    services.accept_registration(registration=registration, by=world.kp_officer)
    registration.refresh_from_db()
    assert registration.status == FormStatus.ACCEPTED and registration.decided_by == world.kp_officer
    steps = [(e.from_status, e.to_status, e.reason, e.by) for e in events_for(registration)]
    assert steps == [
        ("draft", "submitted", "", world.secretary),
        ("submitted", "returned", "Thiếu lộ trình nhóm 2", world.kp_officer),
        ("returned", "submitted", "", world.secretary),
        ("submitted", "accepted", "", world.kp_officer),
    ]


def test_accepted_registration_is_locked(world, registration):
    fill_registration(registration, world.secretary)
    services.submit_registration(registration=registration, by=world.secretary, today=TODAY)
    services.accept_registration(registration=registration, by=world.kp_officer)
    with pytest.raises(EvaluationError, match="không sửa được"):
        fill_registration(registration, world.secretary)


def test_registration_needs_all_three_groups(world, registration):
    services.save_registration(
        registration=registration,
        by=world.secretary,
        targets={},
        focus="",
        entries={(1, ""): {"commitment": "Một"}},
    )
    with pytest.raises(EvaluationError, match="Nhóm 2: chưa ghi nội dung đăng ký. Nhóm 3"):
        services.submit_registration(registration=registration, by=world.secretary, today=TODAY)


def test_sibling_district_cannot_accept(world, registration):
    fill_registration(registration, world.secretary)
    services.submit_registration(registration=registration, by=world.secretary, today=TODAY)
    with pytest.raises(EvaluationError, match="quyền"):
        services.accept_registration(registration=registration, by=world.outsider)
    with pytest.raises(EvaluationError, match="quyền"):
        services.accept_registration(registration=registration, by=world.secretary)


def test_submit_after_deadline_is_refused_until_extended(world, registration):
    fill_registration(registration, world.secretary)
    late = LATE
    with pytest.raises(EvaluationError, match=f"Đã quá hạn đăng ký .{REGISTRATION_DUE:%d/%m/%Y}."):
        services.submit_registration(registration=registration, by=world.secretary, today=late)
    with pytest.raises(EvaluationError, match="cấp trên trực tiếp"):
        services.extend_deadline(
            campaign=registration.campaign,
            unit=world.units.eaphe,
            stage=Stage.REGISTRATION,
            due_date=LATE + datetime.timedelta(days=5),
            reason="Bầu lại BCH",
            by=world.outsider,
        )
    services.extend_deadline(
        campaign=registration.campaign,
        unit=world.units.eaphe,
        stage=Stage.REGISTRATION,
        due_date=LATE + datetime.timedelta(days=5),
        reason="Bầu lại BCH",
        by=world.kp_officer,
    )
    services.submit_registration(registration=registration, by=world.secretary, today=late)
    assert registration.status == FormStatus.SUBMITTED


def test_returned_form_past_deadline_and_grace_is_refused(world, registration):
    fill_registration(registration, world.secretary)
    services.submit_registration(registration=registration, by=world.secretary, today=TODAY)
    services.return_registration(registration=registration, by=world.kp_officer, reason="Bổ sung")
    # The return happened today (the real clock); 40 days on, both the deadline and the grace are past.
    with pytest.raises(EvaluationError, match="Đã quá hạn"):
        services.submit_registration(
            registration=registration, by=world.secretary, today=TODAY + datetime.timedelta(days=40)
        )
    assert registration.status == FormStatus.RETURNED


def test_sheet_has_one_answer_per_item_with_local_items(world, campaign):
    from criteria.services import add_local_item

    add_local_item(
        unit=world.units.kp,
        by=world.kp_officer,
        year=2026,
        group_number=2,
        kind="check",
        text="Tham gia ngày chủ nhật xanh",
    )
    sheet = services.start_assessment(campaign=campaign, unit=world.units.eaphe, by=world.secretary)
    codes = list(sheet.answers.values_list("item_code", flat=True))
    assert len(codes) == 17 and "ĐP2.1" in codes
    local = sheet.answers.get(item_code="ĐP2.1")
    assert local.is_local and local.kind == "check" and local.group_number == 2


@pytest.mark.parametrize(
    "value, message",
    [
        ("7.5", "vượt quá điểm tối đa"),
        ("3.3", "bậc 0,5"),
        ("-1", "không được âm"),
        ("abc", "phải là một số"),
    ],
)
def test_bad_scores_are_refused_with_the_rule(world, assessment, value, message):
    answer = assessment.answers.get(item_code="1.1")  # max 7
    with pytest.raises(EvaluationError, match=message):
        services.save_self_answer(answer=answer, by=world.secretary, value=value)
    answer.refresh_from_db()
    assert answer.self_points is None


def test_half_points_with_a_comma_are_accepted(world, assessment):
    answer = assessment.answers.get(item_code="1.1")
    services.save_self_answer(answer=answer, by=world.secretary, value="6,5", evidence="Báo cáo quý")
    answer.refresh_from_db()
    assert answer.self_points == Decimal("6.5") and answer.evidence == "Báo cáo quý"


def test_stale_answer_save_is_refused_and_keeps_the_current(world, assessment):
    from common.locking import version_token

    answer = assessment.answers.get(item_code="1.1")
    token = version_token(answer)
    services.save_self_answer(answer=answer, by=world.secretary, value="5", expected_version=token)
    with pytest.raises(services.StaleError) as caught:
        services.save_self_answer(answer=answer, by=world.secretary, value="6", expected_version=token)
    assert caught.value.current.self_points == Decimal("5")


def test_a_stale_save_names_who_saved_and_is_no_someone_else_for_oneself(world, assessment):
    from common.locking import version_token

    officer = make_user("canbo.eaphe", world.units.eaphe, Role.GRASSROOTS_OFFICER, first_name="Nam", last_name="Trần")
    answer = assessment.answers.get(item_code="1.1")
    token = version_token(answer)
    services.save_self_answer(answer=answer, by=world.secretary, value="5")
    with pytest.raises(services.StaleError) as caught:
        services.save_self_answer(answer=answer, by=world.secretary, value="6", expected_version=token)
    assert caught.value.message == (
        "Tiêu chí 1.1 vừa được lưu từ một thẻ hoặc thiết bị khác của chính bạn. Nội dung bạn nhập vẫn còn; "
        "hãy xem lại rồi lưu lần nữa."
    )
    with pytest.raises(services.StaleError, match="^Tiêu chí 1.1 vừa được H' Linh lưu. Nội dung bạn nhập vẫn còn"):
        services.save_self_answer(answer=answer, by=officer, value="6", expected_version=token)
    Answer.history.filter(id=answer.pk).update(history_user=None)  # a save with nobody recorded (an import)
    with pytest.raises(services.StaleError, match="^Tiêu chí 1.1 vừa được người khác lưu."):
        services.save_self_answer(answer=answer, by=officer, value="6", expected_version=token)


def test_submit_names_the_missing_items(world, assessment):
    score_all(assessment, world.secretary)
    services.save_self_answer(answer=assessment.answers.get(item_code="2.3"), by=world.secretary, value="")
    with pytest.raises(EvaluationError, match="Còn 1 tiêu chí chưa chấm: 2.3"):
        services.submit_assessment(assessment=assessment, by=world.secretary, today=TODAY)


def test_submit_stores_the_self_total_and_locks_the_sheet(world, submitted):
    assert submitted.status == FormStatus.SUBMITTED and submitted.self_total == Decimal(100)
    with pytest.raises(EvaluationError, match="đã nộp"):
        services.save_self_answer(answer=submitted.answers.first(), by=world.secretary, value="1")


def test_review_lowers_an_item_and_approval_computes_the_level(world, submitted):
    answer = submitted.answers.get(item_code="3.1")
    services.save_review_answer(answer=answer, by=world.kp_officer, value="2", comment="Chưa có biên bản")
    services.approve_assessment(assessment=submitted, by=world.kp_officer)
    submitted.refresh_from_db()
    assert submitted.status == FormStatus.APPROVED
    assert submitted.review_total == Decimal(96) and submitted.self_total == Decimal(100)
    assert submitted.recognised and submitted.level_code == "xuat_sac"
    # unchanged items took the unit's score
    assert not Answer.objects.filter(assessment=submitted, review_points__isnull=True, kind="points").exists()


def test_level_reasons_name_the_weak_group(world, assessment):
    low = {a.item_code: "0" for a in assessment.answers.filter(group_number=3)}
    score_all(assessment, world.secretary, points=low)
    services.submit_assessment(assessment=assessment, by=world.secretary, today=TODAY)
    services.approve_assessment(assessment=assessment, by=world.kp_officer)
    assessment.refresh_from_db()
    assert not assessment.recognised and assessment.level_name == "Không đạt"
    assert any("Nhóm 3 đạt 0%" in reason for reason in assessment.level_reasons)


def test_sibling_district_cannot_review(world, submitted):
    with pytest.raises(EvaluationError, match="quyền"):
        services.save_review_answer(answer=submitted.answers.first(), by=world.outsider, value="1")
    with pytest.raises(EvaluationError, match="quyền"):
        services.approve_assessment(assessment=submitted, by=world.outsider)


def test_reopen_needs_a_reason_and_clears_the_level(world, submitted):
    services.approve_assessment(assessment=submitted, by=world.kp_officer)
    with pytest.raises(EvaluationError, match="lý do"):
        services.reopen_assessment(assessment=submitted, by=world.kp_officer, reason="")
    services.reopen_assessment(assessment=submitted, by=world.kp_officer, reason="Sai điểm 2.1")
    submitted.refresh_from_db()
    assert submitted.status == FormStatus.SUBMITTED and submitted.level_code == "" and not submitted.recognised


def test_closed_campaign_is_read_only(world, campaign, assessment):
    services.close_campaign(campaign=campaign, by=world.province)
    with pytest.raises(EvaluationError, match="khóa sổ"):
        services.save_self_answer(answer=assessment.answers.first(), by=world.secretary, value="1")


def test_mail_goes_to_the_other_side_after_commit(world, registration, django_capture_on_commit_callbacks):
    world.kp_officer.email = "kp@example.org"
    world.kp_officer.save()
    world.secretary.email = "eaphe@example.org"
    world.secretary.save()
    fill_registration(registration, world.secretary)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_registration(registration=registration, by=world.secretary, today=TODAY)
    assert [m.to for m in mail.outbox] == [["kp@example.org"]]
    assert "Đoàn xã Ea Phê" in mail.outbox[0].subject
    assert "Người thực hiện: H' Linh." in mail.outbox[0].body  # family name first, as the portal names people
    with django_capture_on_commit_callbacks(execute=True):
        services.return_registration(registration=registration, by=world.kp_officer, reason="Thiếu lộ trình")
    assert mail.outbox[1].to == ["eaphe@example.org"] and "Lý do: Thiếu lộ trình" in mail.outbox[1].body


def test_no_mail_when_the_transaction_rolls_back(world, registration, django_capture_on_commit_callbacks):
    world.kp_officer.email = "kp@example.org"
    world.kp_officer.save()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(EvaluationError):
        services.submit_registration(registration=registration, by=world.secretary, today=TODAY)
    assert mail.outbox == [] and not StatusEvent.objects.exists()
