"""URLs of the Excel import and export for the sibling-district sweep (see tests/test_url_sweep.py).

The job is a real checked upload with a problem row, so its error workbook is served to Ea Phê's secretary: a job
without problems answers 404 to everybody there, and the sweep would prove nothing about that URL.
"""

from django.urls import reverse

from members.importing import jobs
from tests.members.data.workbooks import member_row, workbook_bytes


def sweep_urls(world):
    data = workbook_bytes([member_row(1), member_row(2, birth="31/02/2000")])
    job = jobs.start_import(unit=world.units.eaphe, by=world.secretary, file_name="ds.xlsx", data=data)
    assert job.problems, "the swept job must have problems, or its error workbook is 404 for everybody"
    urls = [
        (reverse(f"member_import:{name}", args=[job.pk]), "secretary")
        for name in ("detail", "progress", "confirm", "retry", "errors")
    ]
    for unit in (world.units.kp, world.units.eaphe, world.units.eaphe_t1):
        urls.append((reverse("member_import:upload", args=[unit.pk]), "kp_officer"))
        urls.append((reverse("member_import:export", args=[unit.pk]), "kp_officer"))
    return urls
