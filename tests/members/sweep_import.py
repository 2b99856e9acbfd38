"""URLs of the Excel import and export that a user of the sibling district must get 404 on."""

from django.core.files.base import ContentFile
from django.urls import reverse

from members.models import ImportJob
from tests.members.data.workbooks import member_row, workbook_bytes


def sweep_urls(world):
    job = ImportJob(unit=world.units.eaphe, created_by=world.secretary, file_name="ds.xlsx")
    job.file.save("ds.xlsx", ContentFile(workbook_bytes([member_row()])), save=True)
    names = ("detail", "progress", "confirm", "retry", "errors")
    urls = [reverse(f"member_import:{name}", args=[job.pk]) for name in names]
    for unit in (world.units.kp, world.units.eaphe, world.units.eaphe_t1):
        urls.append(reverse("member_import:upload", args=[unit.pk]))
        urls.append(reverse("member_import:export", args=[unit.pk]))
    return urls
