"""python manage.py purge_import_files [--days N]

Uploaded workbooks hold CCCD numbers: they are kept as evidence while an import is under way and for
IMPORT_FILE_RETENTION_DAYS days after it ended (written, failed, or checked and never confirmed), then removed.
The job row stays (who, when, which file, the counts), only its files go. Schedule it daily (see README).
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from members.models import ImportJob, ImportStatus


class Command(BaseCommand):
    help = "Xóa tệp Excel đã tải lên (có số CCCD) của các lượt nhập đã kết thúc quá số ngày quy định."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="số ngày giữ tệp sau khi lượt nhập kết thúc (mặc định IMPORT_FILE_RETENTION_DAYS)",
        )

    def handle(self, *args, days, **options):
        days = settings.IMPORT_FILE_RETENTION_DAYS if days is None else days
        cutoff = timezone.now() - datetime.timedelta(days=days)
        ended = (
            ImportJob.objects.exclude(status__in=(ImportStatus.CHECKING, ImportStatus.WRITING))
            .annotate(ended_at=Coalesce("finished_at", "updated_at"))
            .filter(ended_at__lt=cutoff)
            .exclude(Q(file="") & Q(error_file=""))
        )
        removed = 0
        for job in ended.iterator():
            for field_file in (job.file, job.error_file):
                if field_file:
                    field_file.storage.delete(field_file.name)
                    removed += 1
            ImportJob.objects.filter(pk=job.pk).update(file="", error_file="")
        self.stdout.write(f"Đã xóa {removed} tệp của các lượt nhập kết thúc trước {cutoff:%d/%m/%Y}.")
