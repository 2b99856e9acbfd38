"""python manage.py purge_removed_files [--days N]

Evidence files and files of an inspection that were removed ("Gỡ") stay on disk for EVIDENCE_FILE_RETENTION_DAYS days
after their removal, then this command deletes them. The row stays (name, size, who uploaded and removed it, when)
with its history; only the stored file goes. Schedule it daily (see README).
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from evaluations.files import purge_removed_files
from evaluations.models import Attachment, InspectionAttachment


class Command(BaseCommand):
    help = "Xóa khỏi máy chủ các tệp minh chứng và tệp kèm biên bản kiểm tra đã gỡ quá số ngày quy định."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="số ngày giữ tệp sau khi bị gỡ (mặc định EVIDENCE_FILE_RETENTION_DAYS)",
        )

    def handle(self, *args, days, **options):
        days = settings.EVIDENCE_FILE_RETENTION_DAYS if days is None else days
        if days < 0:
            raise CommandError("--days phải từ 0 trở lên.")
        cutoff = timezone.now() - datetime.timedelta(days=days)
        evidence = purge_removed_files(Attachment, removed_before=cutoff)
        inspection = purge_removed_files(InspectionAttachment, removed_before=cutoff)
        self.stdout.write(
            f"Đã xóa {evidence} tệp minh chứng và {inspection} tệp kèm biên bản kiểm tra "
            f"đã gỡ trước {timezone.localtime(cutoff):%d/%m/%Y}."
        )
