"""Helpers of the results tests: approved sheets through the real services, and many units made cheaply."""

from decimal import Decimal

from branches.models import Unit, UnitType
from evaluations.cycle import services
from evaluations.models import Assessment, FormStatus, Registration
from tests.conftest import make_unit

from .conftest import TODAY, fill_registration, score_all


def approve(world, campaign, unit, *, secretary, reviewer, self_points=None, review_points=None):
    """A sheet of `unit` scored by `secretary` (items at their maximum unless given), reviewed and approved."""
    assessment = services.start_assessment(campaign=campaign, unit=unit, by=secretary)
    score_all(assessment, secretary, points=self_points)
    services.submit_assessment(assessment=assessment, by=secretary, today=TODAY)
    for answer in assessment.answers.filter(item_code__in=list(review_points or {})):
        services.save_review_answer(
            answer=answer, by=reviewer, value=review_points[answer.item_code], comment="Thiếu minh chứng"
        )
    return services.approve_assessment(assessment=assessment, by=reviewer, summary="Đơn vị làm tốt.")


def accept_registration(world, campaign, unit, *, secretary, reviewer):
    registration = services.start_registration(campaign=campaign, unit=unit, by=secretary)
    fill_registration(registration, secretary)
    services.submit_registration(registration=registration, by=secretary, today=TODAY)
    return services.accept_registration(registration=registration, by=reviewer)


def add_units(campaign, parent, count, *, start=0, status=FormStatus.APPROVED):
    """`count` grassroots units under `parent`, each with a registration and a sheet in `status` (rows made
    directly: these tests are about reading them, not about the steps that make them)."""
    units = []
    for i in range(start, start + count):
        parent = Unit.objects.get(pk=parent.pk)
        unit = make_unit(parent, f"{parent.code}-X{i:04d}", f"Đoàn xã Thử {i:04d}", UnitType.GRASSROOTS)
        Registration.objects.create(campaign=campaign, unit=unit, status=FormStatus.ACCEPTED)
        approved = status == FormStatus.APPROVED
        Assessment.objects.create(
            campaign=campaign,
            unit=unit,
            status=status,
            self_total=Decimal(90),
            review_total=Decimal(80 + i % 10) if approved else None,
            max_total=Decimal(100),
            level_code="dat" if approved else "",
            level_name="Đạt “Đoàn cơ sở 3 chủ động”" if approved else "",
            recognised=approved,
        )
        units.append(unit)
    return units
