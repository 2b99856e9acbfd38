"""The province's dashboard on 2,000 grassroots units with five years of registrations, sheets and inspections.

    python -m bench.dashboard        (its own throwaway database, SQLite unless BENCH_DATABASE_URL is set)

dashboard_ms_median: the province's dashboard page (goal ≤ 200 ms on SQLite); dashboard_queries_province and
dashboard_queries_district: the query count of the whole province and of one district (they must be equal).
"""

import datetime
import random
import tempfile
import time
from decimal import Decimal
from pathlib import Path

YEARS = (2021, 2022, 2023, 2024, 2025)


def make_years(province) -> list:
    """Five years for every grassroots unit of `province` (bulk insert): registrations, sheets at every stage,
    six-month inspections of about half the units."""
    from branches.models import GRASSROOTS_TYPES, Unit, UnitType
    from criteria.services import set_in_force
    from evaluations.models import Assessment, Campaign, FormStatus, Inspection, Registration

    rng = random.Random(11)
    units = list(Unit.objects.descendants_of(province).filter(unit_type__in=GRASSROOTS_TYPES).order_by("path"))
    districts = {u.path: u for u in Unit.objects.descendants_of(province).filter(unit_type=UnitType.DISTRICT)}
    campaigns = []
    for year in YEARS:
        campaign = Campaign.objects.create(
            organiser=province,
            year=year,
            criteria_set=set_in_force(year),
            registration_due=datetime.date(year, 3, 31),
            self_assessment_due=datetime.date(year, 12, 15),
            review_due=datetime.date(year, 12, 31),
        )
        campaigns.append(campaign)
        registrations, sheets, inspections = [], [], []
        for unit in units:
            stage = rng.random()
            if stage < 0.1:
                continue
            registrations.append(Registration(campaign=campaign, unit=unit, status=FormStatus.ACCEPTED))
            if stage < 0.25:
                continue
            approved = stage > 0.45
            total = Decimal(rng.randrange(120, 200)) / 2
            sheets.append(
                Assessment(
                    campaign=campaign, unit=unit, status=FormStatus.APPROVED if approved else FormStatus.SUBMITTED,
                    self_total=total, review_total=total if approved else None, max_total=Decimal(100),
                    recognised=approved and total >= 70,
                )
            )  # fmt: skip
            if rng.random() < 0.5:
                half = rng.choice((1, 2))
                inspections.append(
                    Inspection(
                        kind="six_month", year=year, half=half, inspected_unit=unit,
                        inspecting_unit=districts[unit.path[: 2 * Unit.steplen]],
                        inspection_date=datetime.date(year, 6 * half - 2, 15), conclusion="dat",
                    )
                )  # fmt: skip
        Registration.objects.bulk_create(registrations, batch_size=1000)
        Assessment.objects.bulk_create(sheets, batch_size=1000)
        Inspection.objects.bulk_create(inspections, batch_size=1000)
    return campaigns


def _queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def run(report, note, *, repeat: int) -> None:
    import statistics

    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from branches.models import GRASSROOTS_TYPES, Role, RoleAssignment, Unit, UnitType
    from evaluations.models import Campaign

    province = Unit.objects.get(code="BT")
    campaign = Campaign.objects.filter(organiser=province).order_by("-year").first()
    if campaign is None:
        started = time.perf_counter()
        campaign = make_years(province)[-1]
        note(f"five years built in {time.perf_counter() - started:.0f} s")
    user = get_user_model().objects.create_user("bench.dashboard")
    RoleAssignment.objects.create(user=user, unit=province, role=Role.PROVINCE_COMMITTEE)
    client = Client()
    client.force_login(user)
    url = reverse("evaluations:dashboard_unit", args=[campaign.pk, province.pk])
    client.get(url)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        assert client.get(url).status_code == 200
        times.append((time.perf_counter() - started) * 1000)
    units = Unit.objects.descendants_of(province).filter(unit_type__in=GRASSROOTS_TYPES).count()
    years = Campaign.objects.filter(organiser=province).count()
    report("dashboard_ms_median", statistics.median(times), f"ms ({units:,} units, {years} years)")
    report("dashboard_queries_province", _queries(client, url))
    district = Unit.objects.descendants_of(province).filter(unit_type=UnitType.DISTRICT).order_by("path").first()
    report(
        "dashboard_queries_district",
        _queries(client, reverse("evaluations:dashboard_unit", args=[campaign.pk, district.pk])),
    )


def main() -> None:
    import sys

    from bench.__main__ import REPEAT, note, report
    from bench.setup import configure, throwaway_database

    with tempfile.TemporaryDirectory(prefix="bench-dashboard-") as folder, throwaway_database(Path(folder)) as db:
        configure(db)
        from django.core.management import call_command
        from django.db import connection

        report("database", connection.vendor)
        call_command("migrate", verbosity=0)
        from bench import data

        data.make_units(n_districts=20, grassroots_per_district=100)
        data.analyse()
        run(report, note, repeat=REPEAT)
        sys.stdout.flush()


if __name__ == "__main__":
    main()
