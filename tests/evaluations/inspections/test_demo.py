"""The demo inspections: deterministic, idempotent, every record valid for its period, a failed one explained."""

import datetime

from evaluations.inspections import demo, periods
from evaluations.models import Inspection, InspectionFinding


def test_demo_inspections_are_valid_and_added_once(world):
    added = demo.seed()
    assert added == Inspection.objects.count() > 10
    assert demo.seed() == 0
    for record in Inspection.objects.all():
        problems = periods.date_problems(
            kind=record.kind,
            year=record.year,
            half=record.half,
            inspection_date=record.inspection_date,
            follow_up_due=record.follow_up_due,
            today=datetime.date(2026, 12, 2),
        )
        assert problems == [], (record, problems)
        assert record.inspected_unit.path.startswith(record.inspecting_unit.path)
    failed = Inspection.objects.get(inspected_unit=world.units.eakenh, year=2024, half=2)
    assert failed.failed and failed.recommendations and failed.follow_up_date
    assert failed.findings.filter(result="chua_dat").exclude(note="").exists()
    assert Inspection.history.count() == added
    assert InspectionFinding.history.count() == InspectionFinding.objects.count()
    kp = Inspection.objects.filter(inspecting_unit=world.units.kp)
    assert {h.history_user for h in Inspection.history.filter(id__in=kp.values("pk"))} == {world.kp_officer}
