"""The to-do panel reads the records users really have: returned forms, extensions of one stage or of another year,
dissolved units, two districts and a unit right under the province; every line and every count."""

import datetime

import pytest
from django.test import RequestFactory
from django.urls import reverse

from branches.models import UnitType
from evaluations.cycle import services, todo
from evaluations.models import Campaign, DeadlineExtension, FormStatus, Stage
from tests.conftest import make_unit

from ..reader_world import forms

DAY = datetime.timedelta(days=1)
A, R, S, P, DRAFT = (
    FormStatus.ACCEPTED,
    FormStatus.RETURNED,
    FormStatus.SUBMITTED,
    FormStatus.APPROVED,
    FormStatus.DRAFT,
)


def lines(tasks):
    return [(task.text, task.tone, task.due.due if task.due else None) for task in tasks]


def extend(campaign, unit, stage, due, by):
    return DeadlineExtension.objects.create(
        campaign=campaign, unit=unit, stage=stage, due_date=due, reason="Bão", granted_by=by
    )


def year_before(campaign):
    """A closed 2025 of the same province with the same dates (its extensions must not count in 2026)."""
    return Campaign.objects.create(
        organiser=campaign.organiser,
        year=2025,
        criteria_set=campaign.criteria_set,
        registration_due=campaign.registration_due,
        self_assessment_due=campaign.self_assessment_due,
        review_due=campaign.review_due,
        status="closed",
    )


# --- the unit's own tasks -------------------------------------------------------------------------------------

REGISTER = ("Đăng ký “3 chủ động” năm 2026", "primary", "registration")
RESEND_REGISTRATION = ("Sửa và nộp lại bản đăng ký năm 2026 (cấp trên đã trả lại)", "warning", "registration")
REGISTRATION_SENT = ("Bản đăng ký năm 2026 đang chờ cấp trên xem xét", "secondary", None)
ASSESS = ("Tự đánh giá năm 2026", "primary", "self_assessment")
RESEND_SHEET = ("Sửa và nộp lại bản tự đánh giá năm 2026 (cấp trên đã trả lại)", "warning", "self_assessment")
SHEET_SENT = ("Bản tự đánh giá năm 2026 đang chờ cấp trên thẩm định", "secondary", None)
RESULT = ("Kết quả năm 2026: Đạt “Đoàn cơ sở 3 chủ động” – Xuất sắc", "success", None)


@pytest.mark.parametrize(
    ("registration", "sheet", "expected"),
    [
        (None, None, [REGISTER]),
        (DRAFT, None, [REGISTER]),
        (R, None, [RESEND_REGISTRATION]),
        (S, None, [REGISTRATION_SENT]),
        (A, None, [ASSESS]),
        (A, DRAFT, [ASSESS]),
        (None, DRAFT, [REGISTER, ASSESS]),
        (A, R, [RESEND_SHEET]),
        (R, R, [RESEND_REGISTRATION, RESEND_SHEET]),
        (A, S, [SHEET_SENT]),
        (A, P, [RESULT]),
    ],
)
def test_the_units_tasks_follow_each_of_its_forms(world, campaign, registration, sheet, expected):
    forms(campaign, world.units.eaphe, registration, sheet, recognised=True, level_code="xuat_sac", review=95)
    tasks = todo.unit_tasks(world.secretary, world.units.eaphe, campaign, campaign.registration_due)
    dues = {None: None, "registration": campaign.registration_due, "self_assessment": campaign.self_assessment_due}
    assert lines(tasks) == [(text, tone, dues[stage]) for text, tone, stage in expected]


def test_the_units_tasks_show_its_own_extension_of_each_stage(world, campaign):
    u = world.units
    forms(campaign, u.eaphe, R, R)
    forms(campaign, u.eakenh, R, R)
    registration_due = campaign.registration_due + 4 * DAY
    extend(campaign, u.eaphe, Stage.REGISTRATION, registration_due, world.kp_officer)
    extend(campaign, u.eakenh, Stage.SELF_ASSESSMENT, campaign.self_assessment_due + 9 * DAY, world.kp_officer)
    last_year = year_before(campaign)
    extend(last_year, u.eaphe, Stage.SELF_ASSESSMENT, campaign.self_assessment_due + 20 * DAY, world.kp_officer)
    today = campaign.registration_due + DAY
    eaphe = todo.unit_tasks(world.secretary, u.eaphe, campaign, today)
    assert [(task.due.due, task.due.overdue) for task in eaphe] == [
        (registration_due, False),
        (campaign.self_assessment_due, False),  # another stage's and another year's extensions do not count
    ]
    eakenh = todo.unit_tasks(world.kp_officer, u.eakenh, campaign, today)
    assert [(task.due.due, task.due.overdue) for task in eakenh] == [
        (campaign.registration_due, True),
        (campaign.self_assessment_due + 9 * DAY, False),
    ]


# --- what waits for an officer --------------------------------------------------------------------------------


@pytest.fixture
def truong(world):
    return make_unit(world.units.province, "DL-TRUONG", "Đoàn trường Cao đẳng Y tế", UnitType.GRASSROOTS)


def test_waiting_forms_are_counted_in_each_scope(world, campaign, truong):
    u = world.units
    forms(campaign, u.eaphe, S)
    forms(campaign, u.eakenh, A, S)
    forms(campaign, u.tanloi, S)
    forms(campaign, truong, A, S)
    returned = make_unit(u.kp, "DL-KP-TRA", "Đoàn xã Trả Lại", UnitType.GRASSROOTS)
    forms(campaign, returned, R, R)
    before = campaign.registration_due
    assert lines(todo.reviewer_tasks(world.kp_officer, u.kp, campaign, before)) == [
        ("1 bản đăng ký chờ chấp nhận", "primary", campaign.registration_due),
        ("1 bản tự đánh giá chờ thẩm định", "primary", campaign.review_due),
    ]
    assert lines(todo.reviewer_tasks(world.outsider, u.bmt, campaign, before)) == [
        ("1 bản đăng ký chờ chấp nhận", "primary", campaign.registration_due),
    ]
    assert lines(todo.reviewer_tasks(world.province, u.province, campaign, before)) == [
        ("2 bản đăng ký chờ chấp nhận", "primary", campaign.registration_due),
        ("2 bản tự đánh giá chờ thẩm định", "primary", campaign.review_due),
    ]


def _overdue(tasks):
    return [(task.text, task.url) for task in tasks if task.tone == "danger"]


def test_overdue_units_are_counted_in_each_scope_without_extended_dissolved_or_sent_ones(world, campaign, truong):
    u = world.units
    extension = extend(campaign, u.eaphe, Stage.REGISTRATION, campaign.registration_due + 5 * DAY, world.kp_officer)
    forms(campaign, u.eakenh, DRAFT)
    make_unit(u.kp, "DL-KP-CU", "Đoàn xã Cũ", UnitType.GRASSROOTS, valid_to=campaign.registration_due - DAY)
    forms(campaign, make_unit(u.kp, "DL-KP-TRA", "Đoàn xã Trả Lại", UnitType.GRASSROOTS), R)
    forms(campaign, make_unit(u.bmt, "DL-BMT-NOP", "Đoàn phường Đã Nộp", UnitType.GRASSROOTS), S)
    last_year = year_before(campaign)
    extend(last_year, u.tanloi, Stage.REGISTRATION, campaign.registration_due + 30 * DAY, world.outsider)

    def overdue(user, unit, today):
        return _overdue(todo.reviewer_tasks(user, unit, campaign, today))

    def line(n, unit):
        return [
            (
                f"{n} đơn vị quá hạn chưa nộp bản đăng ký",
                reverse("evaluations:results", args=[campaign.pk]) + f"?don_vi={unit.pk}",
            )
        ]

    late = campaign.registration_due + 3 * DAY
    assert overdue(world.kp_officer, u.kp, campaign.registration_due) == []  # the last day is not late
    assert overdue(world.kp_officer, u.kp, late) == line(1, u.kp)  # Ea Kênh
    assert overdue(world.outsider, u.bmt, late) == line(1, u.bmt)  # Tân Lợi
    assert overdue(world.province, u.province, late) == line(3, u.province)  # both, and Trường
    assert overdue(world.kp_officer, u.kp, extension.due_date) == line(1, u.kp)  # its last day: Ea Phê not late
    ended = extension.due_date + DAY
    assert overdue(world.kp_officer, u.kp, ended) == line(2, u.kp)  # Ea Phê's extension has run out
    assert overdue(world.province, u.province, ended) == line(4, u.province)


def test_a_unit_whose_dissolution_lies_ahead_is_still_late_until_then(world, campaign):
    closing = campaign.registration_due + 10 * DAY
    make_unit(world.units.bmt, "DL-BMT-SAP", "Đoàn phường Sáp Nhập", UnitType.GRASSROOTS, valid_to=closing)

    def late(today):
        return [
            t.text for t in todo.reviewer_tasks(world.outsider, world.units.bmt, campaign, today) if t.tone == "danger"
        ]

    assert late(campaign.registration_due + DAY) == ["2 đơn vị quá hạn chưa nộp bản đăng ký"]  # Tân Lợi and Sáp Nhập
    assert late(closing - DAY) == ["2 đơn vị quá hạn chưa nộp bản đăng ký"]
    assert late(closing) == ["1 đơn vị quá hạn chưa nộp bản đăng ký"]  # dissolved from that day


# --- the panel ------------------------------------------------------------------------------------------------


def _panel(user, unit):
    request = RequestFactory().get("/")
    request.user = user
    return todo.todo_panel(request, unit)


def test_the_panel_shows_the_open_year_only_to_those_with_something_to_do(world, campaign):
    assert "Đăng ký “3 chủ động” năm 2026" in _panel(world.secretary, world.units.eaphe)
    assert _panel(world.bmt_secretary, world.units.eaphe) == ""
    assert _panel(world.secretary, world.units.kp) == ""
    services.close_campaign(campaign=campaign, by=world.province)
    assert _panel(world.secretary, world.units.eaphe) == ""
