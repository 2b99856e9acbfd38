"""python manage.py reclaim_import_jobs [--worker-start]

Marks as failed the import jobs whose process is gone (no heartbeat for a while), so the person sees a message and
can check the file again. Run it before db_worker starts with --worker-start: with a single worker, every task left
"running" then belongs to a worker that died, and django-tasks-db (0.13) has no way to hand such a task back.
"""

from django.core.management.base import BaseCommand
from django_tasks_db.models import DBTaskResult

from members.importing.jobs import WorkerLost, reclaim_stale_jobs


class Command(BaseCommand):
    help = "Đánh dấu thất bại các lượt nhập Excel mà tiến trình xử lý đã mất (để người nhập kiểm tra lại)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--worker-start",
            action="store_true",
            help="chạy ngay trước db_worker (một tiến trình): mọi tác vụ nền còn “đang chạy” đều đã mất tiến trình",
        )

    def handle(self, *args, worker_start, **options):
        tasks = 0
        if worker_start:
            # The task rows belong to django-tasks-db: its own set_failed() changes their status.
            for task in DBTaskResult.objects.running():
                task.set_failed(WorkerLost("Tiến trình db_worker đã dừng khi tác vụ đang chạy."))
                tasks += 1
        jobs = reclaim_stale_jobs(background=worker_start)
        self.stdout.write(f"Đã đánh dấu thất bại {jobs} lượt nhập và {tasks} tác vụ nền bị bỏ dở.")
