"""The demo evaluations: three closed years with a realistic spread, 2026 open with Ea Phê's draft, built in bulk
but as the services would have left them (levels, totals, steps and their order, history)."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from branches import demo as tree_demo
from branches.models import Unit, UnitType
from common.models import StatusEvent
from common.workflow import events_for
from evaluations.cycle import deadlines, demo, services
from evaluations.cycle.workflow import ASSESSMENT, REGISTRATION
from evaluations.models import (
    Answer,
    Assessment,
    Campaign,
    FormStatus,
    RecognitionDecision,
    RecognitionEntry,
    Registration,
    RegistrationEntry,
)
from evaluations.results import calibration
from evaluations.results.calibration import LENIENT, STRICT


@pytest.fixture(scope="module")
def seeded_once(django_db_setup, django_db_blocker):
    """The demo tree and its evaluations, seeded once for this module and rolled back after it (seeding takes
    seconds; each test still runs in its own savepoint)."""
    with django_db_blocker.unblock(), transaction.atomic():
        tree_demo.seed()
        demo.seed()
        demo.seed_recognitions()
        yield Unit.objects.get(code="DL").pk
        transaction.set_rollback(True)


@pytest.fixture
def seeded(seeded_once, db):
    return Unit.objects.get(pk=seeded_once)


def test_past_years_are_closed_with_every_unit_reviewed_in_a_realistic_spread(seeded):
    grassroots = Unit.objects.filter(unit_type=UnitType.GRASSROOTS, code__startswith="DL-").count()
    for year in demo.YEARS:
        campaign = Campaign.objects.get(organiser=seeded, year=year)
        assert not campaign.is_open
        assert campaign.registrations.filter(status=FormStatus.ACCEPTED).count() == grassroots
        assert campaign.assessments.filter(status=FormStatus.APPROVED).count() == grassroots
    approved = Assessment.objects.filter(status=FormStatus.APPROVED)
    recognised = approved.filter(recognised=True).count() / approved.count()
    assert 0.7 <= recognised <= 0.97  # most units recognised, some not
    assert approved.filter(level_code="xuat_sac").exists() and approved.filter(level_code="dat").exists()
    returned = StatusEvent.objects.filter(to_status=FormStatus.RETURNED)
    assert 0 < returned.filter(workflow="registration").count() < grassroots * len(demo.YEARS) * 0.15
    assert 0 < returned.filter(workflow="assessment").count() < grassroots * len(demo.YEARS) * 0.15


def test_calibration_flags_the_lenient_and_the_strict_districts_every_year(seeded):
    superior_of = {unit.pk: superior.code for unit, superior in demo.grassroots_with_superiors(seeded)}
    groups = sorted((code, code) for code in set(superior_of.values()))
    for year in demo.YEARS:
        sheets = Assessment.objects.filter(campaign__year=year, status=FormStatus.APPROVED)
        reviews = [
            calibration.Review(a.pk, "", superior_of[a.unit_id], a.self_total, a.review_total, a.max_total)
            for a in sheets
        ]
        result = calibration.calibrate(reviews, groups)
        leaning = {lean: {g.key for g in result.groups if g.lean == lean} for lean in (LENIENT, STRICT)}
        assert leaning == {LENIENT: demo.LENIENT, STRICT: demo.STRICT}, year
        means = {g.key: g.mean for g in result.groups}
        assert all(-1 <= means[code] <= 2 for code in demo.LENIENT), means  # centred near 0
        assert all(means[code] <= -5 for code in demo.STRICT), means


def test_stored_totals_and_levels_are_what_scoring_gives(seeded):
    sheets = (
        Assessment.objects.filter(status=FormStatus.APPROVED, campaign__year=2024)  # one year: one code made all
        .select_related("campaign")
        .prefetch_related("answers")
    )
    for assessment in sheets:
        answers = list(assessment.answers.all())
        assert len(answers) == 16
        self_result = services.sheet_result(assessment, answers, side="self")
        review_result = services.sheet_result(assessment, answers, side="review")
        assert assessment.self_total == self_result.total and assessment.max_total == review_result.max_total
        assert assessment.review_total == review_result.total
        assert assessment.level_code == (review_result.level.code if review_result.level else "")
        assert assessment.level_name == review_result.level_name
        assert assessment.level_reasons == list(review_result.reasons)
        assert assessment.recognised == (review_result.level is not None)
        for answer in answers:
            assert answer.self_points % 1 in (0, 0.5) and 0 <= answer.review_points <= answer.max_points
            assert answer.differs == bool(answer.review_comment)


def test_every_form_went_through_the_workflow_in_order_and_on_time(seeded):
    campaign = Campaign.objects.get(organiser=seeded, year=2024)
    kp_officer = get_user_model().objects.get(username="canbo.krongpac")
    forms = [(r, REGISTRATION, campaign.registration_due) for r in campaign.registrations.all()]
    forms += [(a, ASSESSMENT, campaign.self_assessment_due) for a in campaign.assessments.all()]
    for form, flow, due in forms:
        events = list(events_for(form))
        assert events[0].from_status == FormStatus.DRAFT and events[-1].to_status == form.status
        assert form.created_at < events[0].created_at
        returned_on = None
        for before, after in zip([None, *events], events, strict=False):
            assert flow.step(after.from_status, after.to_status), after
            assert before is None or (before.to_status == after.from_status and before.created_at < after.created_at)
            day = timezone.localdate(after.created_at)
            if after.to_status == FormStatus.RETURNED:
                assert after.reason
                returned_on = day
            if after.to_status == FormStatus.SUBMITTED:
                assert deadlines.may_submit(due, day, returned_on=returned_on), (form, day)
        assert timezone.localdate(events[-1].created_at) <= campaign.review_due
    eaphe = Registration.objects.get(campaign=campaign, unit__code="DL-KP-EAPHE")
    assert eaphe.decided_by == kp_officer and eaphe.submitted_at.date() <= campaign.registration_due
    assert eaphe.created_by.username == "bithu.eaphe"
    sheet = Assessment.objects.get(campaign=campaign, unit__code="DL-KP-EAPHE")
    assert sheet.approved_by == kp_officer and sheet.submitted_at < sheet.approved_at
    assert sheet.submitted_at.date() <= campaign.self_assessment_due and sheet.approved_at.date() <= campaign.review_due
    # the sheet's history: opened, submitted, approved (at least), newest last
    reasons = list(sheet.history.order_by("history_date").values_list("history_change_reason", flat=True))
    assert reasons[0] == "Lập bản tự đánh giá" and reasons[-1] == "Duyệt kết quả thẩm định"
    changed = Answer.objects.filter(assessment=sheet).first().history.order_by("history_date")
    assert [h.history_change_reason for h in changed][0] == "Tự chấm"


def test_2026_is_open_with_eaphe_registration_as_the_only_draft(seeded):
    campaign = Campaign.objects.get(organiser=seeded, year=demo.OPEN_YEAR)
    assert campaign.is_open and campaign.registration_due >= datetime.date.today()
    registration = Registration.objects.get(campaign=campaign)
    assert registration.unit.code == "DL-KP-EAPHE" and registration.status == FormStatus.DRAFT
    assert registration.created_by.username == "bithu.eaphe" and registration.is_editable
    assert not campaign.assessments.exists()
    assert not StatusEvent.objects.filter(object_id=registration.pk, workflow="registration").exists()


def test_seeding_again_changes_nothing(seeded):
    counts = [m.objects.count() for m in (Campaign, Registration, RegistrationEntry, Assessment, Answer, StatusEvent)]
    assert demo.seed() == {"campaigns": 0, "assessments": 0}
    assert [
        m.objects.count() for m in (Campaign, Registration, RegistrationEntry, Assessment, Answer, StatusEvent)
    ] == counts


def test_every_district_level_unit_recognised_its_units_of_each_closed_year(seeded):
    superior_of = {unit.pk: superior for unit, superior in demo.grassroots_with_superiors(seeded)}
    district_level = Unit.objects.descendants_of(seeded).filter(unit_type__in=[UnitType.DISTRICT, UnitType.DIRECT])
    kp_officer = get_user_model().objects.get(username="canbo.krongpac")
    for year in demo.YEARS:
        decisions = {d.issuer_id: d for d in RecognitionDecision.objects.filter(campaign__year=year)}
        assert set(decisions) == {unit.pk for unit in district_level}  # no commune hangs on the province itself
        recognised = Assessment.objects.filter(campaign__year=year, status=FormStatus.APPROVED).exclude(level_code="")
        expected = {(superior_of[a.unit_id].pk, a.unit_id, a.level_code) for a in recognised}
        listed = RecognitionEntry.objects.filter(decision__campaign__year=year)
        assert {(e.decision.issuer_id, e.unit_id, e.level_code) for e in listed.select_related("decision")} == expected
        kp = decisions[Unit.objects.get(code="DL-KP").pk]
        assert kp.issued_by == kp_officer and kp.decision_date.year == year + 1 and kp.signer_name in demo.SIGNERS


def test_recognising_again_changes_nothing(seeded):
    counts = (RecognitionDecision.objects.count(), RecognitionEntry.objects.count())
    assert demo.seed_recognitions() == 0
    assert (RecognitionDecision.objects.count(), RecognitionEntry.objects.count()) == counts


@pytest.mark.parametrize(
    "today, expected",
    [
        (
            datetime.date(2026, 1, 10),
            (datetime.date(2026, 3, 31), datetime.date(2026, 11, 30), datetime.date(2026, 12, 20)),
        ),
        (
            datetime.date(2026, 3, 15),
            (datetime.date(2026, 4, 14), datetime.date(2026, 11, 30), datetime.date(2026, 12, 20)),
        ),
        (
            datetime.date(2026, 12, 2),
            (datetime.date(2027, 1, 1), datetime.date(2027, 1, 31), datetime.date(2027, 2, 20)),
        ),
    ],
)
def test_open_year_deadlines_are_never_already_past(today, expected):
    due = demo.open_year_deadlines(2026, today)
    assert (due["registration_due"], due["self_assessment_due"], due["review_due"]) == expected
