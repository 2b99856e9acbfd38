"""Results table, calibration and the printed evaluation on a province of 1,000 grassroots units with three years.

    python -m bench.results          (its own throwaway database, SQLite unless BENCH_DATABASE_URL is set;
                                      prints `name = value unit`)

`run(report, note, repeat=…)` measures on whatever data is loaded, so `make bench` can call it after building its
province (it adds the three campaigns and their sheets itself when none exist).
"""

import datetime
import random
import tempfile
import time
from decimal import Decimal
from pathlib import Path

YEARS = (2023, 2024, 2025)


def make_years(province) -> list:
    """Three approved years for every grassroots unit of `province`, with answers in the last year (bulk insert)."""
    from branches.models import GRASSROOTS_TYPES, Unit
    from criteria.services import set_in_force
    from criteria.specs import load_set
    from evaluations.models import Answer, Assessment, Campaign, FormStatus

    rng = random.Random(7)
    units = list(Unit.objects.descendants_of(province).filter(unit_type__in=GRASSROOTS_TYPES))
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
        sheets = []
        for unit in units:
            self_total = Decimal(rng.randrange(140, 200)) / 2
            review_total = self_total - Decimal(rng.randrange(0, 16)) / 2
            sheets.append(
                Assessment(
                    campaign=campaign, unit=unit, status=FormStatus.APPROVED, self_total=self_total,
                    review_total=review_total, max_total=Decimal(100), recognised=review_total >= 70,
                    level_code="dat" if review_total >= 70 else "",
                    level_name="Đạt “Đoàn cơ sở 3 chủ động”" if review_total >= 70 else "Không đạt",
                )
            )  # fmt: skip
        Assessment.objects.bulk_create(sheets, batch_size=1000)
    last = campaigns[-1]
    items = [(g.number, i) for g in load_set(last.criteria_set_id).groups.all() for i in g.items.all()]
    answers = [
        Answer(
            assessment=sheet, position=n, group_number=group, item_code=item.code, kind=item.kind,
            max_points=item.max_points, self_points=item.max_points, review_points=item.max_points,
        )
        for sheet in Assessment.objects.filter(campaign=last)
        for n, (group, item) in enumerate(items)
    ]  # fmt: skip
    Answer.objects.bulk_create(answers, batch_size=2000)
    return campaigns


def _median_ms(client, url: str, repeat: int) -> float:
    import statistics

    client.get(url)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times)


def _queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def run(report, note, *, repeat: int) -> None:
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from branches.models import GRASSROOTS_TYPES, Role, RoleAssignment, Unit
    from evaluations.models import Assessment, Campaign

    province = Unit.objects.filter(depth=1).first()
    campaign = Campaign.objects.filter(organiser=province).order_by("-year").first()
    if campaign is None:
        started = time.perf_counter()
        campaign = make_years(province)[-1]
        note(f"three years of sheets built in {time.perf_counter() - started:.0f} s")
    user = get_user_model().objects.create_user("bench.tinhdoan")
    RoleAssignment.objects.create(user=user, unit=province, role=Role.PROVINCE_COMMITTEE)
    client = Client()
    client.force_login(user)
    results = reverse("evaluations:results", args=[campaign.pk])
    rows = Assessment.objects.filter(campaign=campaign).count()
    report("results_table_ms_median", _median_ms(client, results, repeat), f"ms ({rows:,} units, pages of 100)")
    # The same page with 1,000 rows and with a few (a name search): the query count must not move.
    report("results_table_queries_1000_rows", _queries(client, results))
    few = Unit.objects.search("so 11 huyen 1").filter(unit_type__in=GRASSROOTS_TYPES).count()
    report(f"results_table_queries_{few}_rows", _queries(client, f"{results}?q=so+11+huyen+1"))
    started = time.perf_counter()
    client.get(reverse("evaluations:results_xlsx", args=[campaign.pk]))
    report("results_xlsx_s", time.perf_counter() - started, f"s ({rows:,} rows with item columns)")
    calibration = reverse("evaluations:calibration", args=[campaign.pk])
    report("calibration_ms_median", _median_ms(client, calibration, max(3, repeat // 3)), "ms")
    sheet = Assessment.objects.filter(campaign=campaign).order_by("pk").first()
    pdf = reverse("evaluations:evaluation_pdf", args=[sheet.pk])
    client.get(pdf)  # fonts and templates loaded once
    started = time.perf_counter()
    assert client.get(pdf).status_code == 200
    report("evaluation_pdf_s", time.perf_counter() - started, "s")


def main() -> None:
    import sys

    from bench.__main__ import REPEAT, note, report
    from bench.setup import configure, throwaway_database

    with tempfile.TemporaryDirectory(prefix="bench-results-") as folder, throwaway_database(Path(folder)) as url:
        configure(url)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        from bench import data

        data.make_units(n_districts=20, grassroots_per_district=50)
        run(report, note, repeat=REPEAT)
        sys.stdout.flush()


if __name__ == "__main__":
    main()
