"""Evaluation fixtures on top of the shared world: the 2026 campaign of the province and Ea Phê's forms."""

import datetime

import pytest

from evaluations.cycle import services

# Views act on the real date: the campaign's deadlines lie ahead of it.
TODAY = datetime.date.today()
REGISTRATION_DUE = TODAY + datetime.timedelta(days=30)
LATE = REGISTRATION_DUE + datetime.timedelta(days=2)


@pytest.fixture
def campaign(world):
    return services.open_campaign(
        organiser=world.units.province,
        year=2026,
        by=world.province,
        registration_due=REGISTRATION_DUE,
        self_assessment_due=TODAY + datetime.timedelta(days=60),
        review_due=TODAY + datetime.timedelta(days=90),
    )


def fill_registration(registration, user):
    entries = {
        (n, ""): {"commitment": f"Cam kết nhóm {n}", "solutions": "Giải pháp", "roadmap": "Quý I"} for n in (1, 2, 3)
    }
    return services.save_registration(
        registration=registration, by=user, targets={"target_new_members": 20}, focus="Tiêu chí 1.3", entries=entries
    )


@pytest.fixture
def registration(world, campaign):
    return services.start_registration(campaign=campaign, unit=world.units.eaphe, by=world.secretary)


@pytest.fixture
def assessment(world, campaign):
    return services.start_assessment(campaign=campaign, unit=world.units.eaphe, by=world.secretary)


def score_all(assessment, user, *, points=None):
    """Score every item: `points` maps item codes to values; others get their maximum (checks: đạt)."""
    points = points or {}
    for answer in assessment.answers.all():
        default = "dat" if answer.is_check else str(answer.max_points)
        services.save_self_answer(answer=answer, by=user, value=points.get(answer.item_code, default))


@pytest.fixture
def submitted(world, assessment):
    score_all(assessment, world.secretary)
    return services.submit_assessment(assessment=assessment, by=world.secretary, today=TODAY)
