"""The commendation decision and certificates on a province of 1,000 grassroots units, all commended.

    python -m bench.commendations    (its own throwaway SQLite database; prints `name = value unit`)

commendation_pdf_1000_s is the decision with its attached list of 1,000 units, built from the round's context
(queries included); weasyprint_floor_1000_s is WeasyPrint alone rendering a minimal HTML table of the same rows
in the same run. Each is run twice, alternately, and the faster run kept. Goal: commendation_pdf_ratio ≤ 1.2.
"""

import datetime
import html
import tempfile
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

BASE_URL = "http://127.0.0.1:8000/"


def make_round(province):
    """Two approved years for every grassroots unit, and the province's round 1 finalised over them."""
    from django.contrib.auth import get_user_model

    from branches.models import GRASSROOTS_TYPES, Term, Unit
    from criteria.services import set_in_force
    from evaluations.commendations import services
    from evaluations.models import Assessment, Campaign

    units = list(Unit.objects.descendants_of(province).filter(unit_type__in=GRASSROOTS_TYPES))
    for year in (2023, 2024):
        campaign = Campaign.objects.create(
            organiser=province, year=year, criteria_set=set_in_force(year), status="closed",
            registration_due=datetime.date(year, 3, 31), self_assessment_due=datetime.date(year, 12, 15),
            review_due=datetime.date(year, 12, 31),
        )  # fmt: skip
        Assessment.objects.bulk_create(
            [
                Assessment(
                    campaign=campaign, unit=unit, status="approved", recognised=True, level_code="dat",
                    review_total=Decimal(70 + (n * 7 + year) % 30),
                )
                for n, unit in enumerate(units)
            ],
            batch_size=1000,
        )  # fmt: skip
    term = Term.objects.create(unit=province, name="Nhiệm kỳ 2022 – 2027", start_year=2022, end_year=2027)
    user = get_user_model().objects.create_superuser("bench.tuyenduong")
    rules = {
        "start_year": 2023, "end_year": 2024, "min_recognised_years": None, "min_level_code": "",
        "no_failed_inspection": True, "min_average_total": None, "quota_per_district": None,
        "share_percent": None, "tie_break": "average,excellent_years,last_total",
    }  # fmt: skip
    today = datetime.date.today()
    commendation_round = services.create_round(organiser=province, term=term, number=1, by=user, today=today, **rules)
    return services.finalise_round(
        commendation_round=commendation_round, by=user, decision_number="125",
        decision_date=datetime.date(2025, 1, 20), signer_name="Bench", today=today,
    )  # fmt: skip


def ours(round_pk) -> bytes:
    from evaluations.commendations import contexts
    from evaluations.commendations.models import CommendationRound

    commendation_round = CommendationRound.objects.select_related("organiser", "term").get(pk=round_pk)
    return contexts.render_decision_pdf(contexts.round_context(commendation_round, base_url=BASE_URL))


def floor(rows) -> bytes:
    import weasyprint

    body = "".join(
        f"<tr><td>{n}</td><td>{html.escape(name)}</td><td>{html.escape(district)}</td><td>{total}</td><td></td></tr>"
        for n, name, district, total in rows
    )
    page = (
        "<html><body><table><thead><tr><th>STT</th><th>Tên đơn vị</th><th>Đơn vị cấp trên</th><th>Điểm</th>"
        f"<th>Ghi chú</th></tr></thead><tbody>{body}</tbody></table></body></html>"
    )
    return weasyprint.HTML(string=page).write_pdf()


def _timed(function, *args) -> float:
    started = time.perf_counter()
    function(*args)
    return time.perf_counter() - started


def run(report, note) -> None:
    from evaluations.commendations import contexts
    from evaluations.commendations.models import CommendationRound

    commendation_round = CommendationRound.objects.get(status="finalised")
    rows = [(e.position, e.unit_name, e.district_name, e.average_total) for e in commendation_round.entries.all()]
    ours(commendation_round.pk)  # fonts, templates and WeasyPrint loaded once
    floor(rows[:10])
    ours_s, floor_s = [], []
    for _ in range(2):
        ours_s.append(_timed(ours, commendation_round.pk))
        floor_s.append(_timed(floor, rows))
    report("commendation_pdf_1000_s", min(ours_s), f"s ({len(rows):,} units)")
    report("weasyprint_floor_1000_s", min(floor_s), "s")
    report("commendation_pdf_ratio", round(min(ours_s) / min(floor_s), 2))
    tracemalloc.start()
    ours(commendation_round.pk)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    report("commendation_pdf_peak_mb", peak / 1e6, "MB (Python allocations, tracemalloc)")
    context = contexts.round_context(commendation_round, base_url=BASE_URL)
    started = time.perf_counter()
    body = contexts.render_certificates_pdf(context)
    report("certificates_1000_s", time.perf_counter() - started, f"s ({len(body) / 1e6:.1f} MB PDF)")


def main() -> None:
    import sys

    from bench.__main__ import note, report
    from bench.setup import configure, throwaway_database

    with (
        tempfile.TemporaryDirectory(prefix="bench-commendations-") as folder,
        throwaway_database(Path(folder)) as url,
    ):
        configure(url)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        from bench import data

        province = data.make_units(n_districts=20, grassroots_per_district=50)
        started = time.perf_counter()
        make_round(province)
        note(f"1,000 units' years and the finalised round built in {time.perf_counter() - started:.0f} s")
        run(report, note)
        sys.stdout.flush()


if __name__ == "__main__":
    main()
