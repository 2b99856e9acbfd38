"""The yearly cycle at the scale of a province of 1,000 grassroots units with three years of evaluations.

review_queue_ms_median: the review queue of the provincial officer, 1,000 sheets waiting (goal ≤ 150 ms);
review_queue_district_ms_median: the same page for the officer of a district of 55 units.
results_table_ms_median: the results table of a closed year for the whole province, 1,000 units (the page shows
them 100 at a time) (goal ≤ 150 ms).
Each prints its query count for 10 units (a district of 10) and 1,000 units: the two must be equal.
autosave_ms_median: one answer saved through the sheet's autosave view (goal ≤ 30 ms).
evaluation_pdf_s: one unit's final evaluation as PDF (warm: WeasyPrint already loaded).
A page whose URL name does not exist yet is reported as n/a.
"""

import statistics
import time

PDF_RUNS = 3


def _url(name: str, *args, query: str = "") -> str | None:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name, args=args) + query
    except NoReverseMatch:
        return None


def _median_ms(client, url: str, repeat: int) -> float:
    for _ in range(2):
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
        assert client.get(url).status_code == 200, url
    return len(queries)


def _client(username: str):
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def _missing(report, note, name: str, url_name: str, *figures: str) -> None:
    note(f"{url_name} not found: {name} is not measured")
    for figure in figures:
        report(figure, "n/a", f"(no {url_name} yet)")


def run(report, note, *, repeat: int) -> None:
    from branches.models import Unit
    from evaluations.models import Assessment, Campaign

    province, small = Unit.objects.get(code="BE"), Unit.objects.get(code="BE-H01")
    province_client, district_client = _client("bench.tinhdoan"), _client("bench.huyen")
    closed = Campaign.objects.filter(organiser=province, status="closed").order_by("-year").first()

    url = _url("evaluations:review_queue")
    if url is None:
        _missing(report, note, "the review queue", "evaluations:review_queue", "review_queue_ms_median")
    else:
        report("review_queue_ms_median", _median_ms(province_client, url, repeat), "ms (1,000 sheets waiting)")
        district = _median_ms(_client("bench.huyen2"), url, repeat)
        report("review_queue_district_ms_median", district, "ms (55 sheets waiting)")
        report("review_queue_queries_10", _queries(district_client, url))
        report("review_queue_queries_1000", _queries(province_client, url))

    if _url("evaluations:results", closed.pk) is None:
        _missing(report, note, "the results table", "evaluations:results", "results_table_ms_median")
    else:
        whole, part = (_url("evaluations:results", closed.pk, query=f"?don_vi={u.pk}") for u in (province, small))
        report("results_table_ms_median", _median_ms(province_client, whole, repeat), "ms (1,000 units, 100 a page)")
        report("results_table_queries_10", _queries(province_client, part))
        report("results_table_queries_1000", _queries(province_client, whole))

    autosave(report, note, repeat=repeat)

    sheet = Assessment.objects.filter(campaign=closed, unit__code="BE-H01-X02").get()
    url = _url("evaluations:evaluation_pdf", sheet.pk)
    if url is None:
        _missing(report, note, "the evaluation PDF", "evaluations:evaluation_pdf", "evaluation_pdf_s")
    else:
        province_client.get(url)  # loads WeasyPrint and the fonts once
        times = []
        for _ in range(PDF_RUNS):
            start = time.perf_counter()
            response = province_client.get(url)
            times.append(time.perf_counter() - start)
            assert response.status_code == 200 and response["Content-Type"] == "application/pdf", url
        report("evaluation_pdf_s", round(statistics.median(times), 2), "s")


def autosave(report, note, *, repeat: int) -> None:
    """POST one answer of the open year's draft sheet again and again, as the sheet's autosave does."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from common.locking import version_token
    from evaluations.models import Answer

    answer = Answer.objects.filter(assessment__unit__code="BE-H01-X01", assessment__status="draft").first()
    url = _url("evaluations:answer_save", answer.pk)
    if url is None:
        _missing(report, note, "the autosave", "evaluations:answer_save", "autosave_ms_median")
        return
    client, version, times = _client("bench.bithu"), version_token(answer), []
    for n in range(repeat + 2):
        value = str(n % int(answer.max_points * 2) / 2)  # 0, 0.5, 1 … within the item's maximum
        start = time.perf_counter()
        response = client.post(url, {"value": value, "evidence": f"Biên bản sinh hoạt lần {n}", "version": version})
        elapsed = (time.perf_counter() - start) * 1000
        body = response.json()
        assert response.status_code == 200 and body["ok"], body
        version = body["version"]
        if n >= 2:
            times.append(elapsed)
    report("autosave_ms_median", statistics.median(times), "ms")
    with CaptureQueriesContext(connection) as queries:
        client.post(url, {"value": "1", "evidence": "Biên bản", "version": version})
    report("autosave_queries", len(queries))
