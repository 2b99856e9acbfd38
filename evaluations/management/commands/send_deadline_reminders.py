"""Mail grassroots units that have not sent their registration or self-assessment N days before the deadline.

Run once a day (cron): `python manage.py send_deadline_reminders --days 7` and again with `--days 1`.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from evaluations.cycle.reminders import due_reminders, send_reminders


class Command(BaseCommand):
    help = "Nhắc các đoàn cơ sở chưa nộp bản đăng ký hoặc bản tự đánh giá N ngày trước hạn."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7, help="Số ngày trước hạn (mặc định 7).")
        parser.add_argument("--today", help="Ngày tính (dd/mm/yyyy), mặc định hôm nay.")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ liệt kê, không gửi thư.")

    def handle(self, *args, days, today, dry_run, **options):
        if days < 0:
            raise CommandError("--days phải từ 0 trở lên.")
        try:
            on = datetime.datetime.strptime(today, "%d/%m/%Y").date() if today else timezone.localdate()
        except ValueError:
            raise CommandError("--today phải có dạng dd/mm/yyyy.") from None
        reminders = due_reminders(on, days)
        for r in reminders:
            who = ", ".join(r.recipients) or "không có địa chỉ thư"
            self.stdout.write(f"{r.unit.code} {r.unit.name}: {r.stage} hạn {r.due:%d/%m/%Y} → {who}")
        sent = 0 if dry_run else send_reminders(reminders)
        self.stdout.write(f"{len(reminders)} đơn vị cần nhắc, đã gửi {sent} thư.")
