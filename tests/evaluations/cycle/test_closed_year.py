"""A closed year: every step of the cycle is refused with the reason (the year is closed), never as a missing
permission, and nothing changes; removing evidence is refused like adding it."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from common.workflow import events_for
from evaluations.cycle import services, todo
from evaluations.cycle.models import Attachment, FormStatus, Stage
from evaluations.errors import EvaluationError

from ..conftest import TODAY, fill_registration, score_all

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
CLOSED = "Năm đánh giá 2026 đã khóa sổ"


def close(world, campaign):
    services.close_campaign(campaign=campaign, by=world.province)
    campaign.refresh_from_db()


def test_submitting_a_registration_in_a_closed_year_says_the_year_is_closed(world, campaign, registration):
    fill_registration(registration, world.secretary)
    close(world, campaign)
    with pytest.raises(EvaluationError, match=CLOSED):
        services.submit_registration(registration=registration, by=world.secretary, today=TODAY)
    registration.refresh_from_db()
    assert registration.status == FormStatus.DRAFT and not events_for(registration).exists()


def test_submitting_a_sheet_in_a_closed_year_says_the_year_is_closed(world, campaign, assessment):
    score_all(assessment, world.secretary)
    close(world, campaign)
    with pytest.raises(EvaluationError, match=CLOSED):
        services.submit_assessment(assessment=assessment, by=world.secretary, today=TODAY)
    assessment.refresh_from_db()
    assert assessment.status == FormStatus.DRAFT and assessment.submitted_at is None


def test_approving_in_a_closed_year_says_the_year_is_closed(world, campaign, submitted):
    close(world, campaign)
    with pytest.raises(EvaluationError, match=CLOSED):
        services.approve_assessment(assessment=submitted, by=world.kp_officer)
    submitted.refresh_from_db()
    assert submitted.status == FormStatus.SUBMITTED and submitted.approved_by is None


def test_an_outsider_is_still_refused_for_permission_in_an_open_year(world, submitted):
    with pytest.raises(EvaluationError, match="không có quyền"):
        services.approve_assessment(assessment=submitted, by=world.outsider)
    submitted.refresh_from_db()
    assert submitted.status == FormStatus.SUBMITTED


def test_buttons_are_hidden_in_a_closed_year(world, campaign, submitted):
    assert submitted.workflow.can(world.kp_officer, submitted, FormStatus.APPROVED)
    close(world, campaign)
    submitted.refresh_from_db()
    assert not submitted.workflow.can(world.kp_officer, submitted, FormStatus.APPROVED)
    assert not submitted.workflow.can(world.kp_officer, submitted, FormStatus.RETURNED)


def test_removing_evidence_in_a_closed_year_is_refused_and_the_file_stays(world, campaign, assessment):
    answer = assessment.answers.first()
    upload = SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf")
    attachment = services.add_attachment(answer=answer, by=world.secretary, uploaded=upload)
    close(world, campaign)
    with pytest.raises(EvaluationError, match=CLOSED):
        services.remove_attachment(attachment=attachment, by=world.secretary)
    attachment.refresh_from_db()
    assert attachment.removed_at is None
    assert Attachment.objects.current().filter(pk=attachment.pk).exists()


def _overdue_line(world, campaign, today):
    tasks = todo.reviewer_tasks(world.kp_officer, world.units.kp, campaign, today)
    return [task.text for task in tasks if "quá hạn chưa nộp bản đăng ký" in task.text]


def test_the_overdue_count_leaves_out_a_unit_whose_extension_runs(world, campaign):
    after_due = campaign.registration_due + datetime.timedelta(days=3)
    assert _overdue_line(world, campaign, after_due) == ["2 đơn vị quá hạn chưa nộp bản đăng ký"]
    services.extend_deadline(
        campaign=campaign,
        unit=world.units.eaphe,
        stage=Stage.REGISTRATION,
        due_date=after_due,
        reason="Bão lũ",
        by=world.kp_officer,
    )
    assert _overdue_line(world, campaign, after_due) == ["1 đơn vị quá hạn chưa nộp bản đăng ký"]
    # the extension itself runs out: Ea Phê is late again
    assert _overdue_line(world, campaign, after_due + datetime.timedelta(days=1)) == [
        "2 đơn vị quá hạn chưa nộp bản đăng ký"
    ]
    # an extension for another stage changes nothing here
    services.extend_deadline(
        campaign=campaign,
        unit=world.units.eakenh,
        stage=Stage.SELF_ASSESSMENT,
        due_date=campaign.self_assessment_due + datetime.timedelta(days=5),
        reason="Bão lũ",
        by=world.kp_officer,
    )
    assert _overdue_line(world, campaign, after_due) == ["1 đơn vị quá hạn chưa nộp bản đăng ký"]
