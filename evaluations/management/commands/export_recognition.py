"""python manage.py export_recognition --year YYYY --unit CODE --format pdf|xlsx -o FILE"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from branches.models import Unit
from common.documents import is_local_address, local_address_refusal
from evaluations.commendations import contexts
from evaluations.cycle.models import RecognitionDecision


class Command(BaseCommand):
    help = (
        "Xuất quyết định công nhận “Đoàn cơ sở 3 chủ động” năm YYYY của đơn vị CODE (PDF) hoặc danh sách kèm theo "
        "(Excel): đúng các đơn vị mà export_results ghi mức đạt dưới đơn vị đó."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", required=True, type=int, help="năm đánh giá, ví dụ 2025")
        parser.add_argument("--unit", required=True, help="mã đơn vị ban hành, ví dụ DL-KP (DL: Tỉnh đoàn)")
        parser.add_argument("--format", choices=["pdf", "xlsx"], default="pdf")
        parser.add_argument("-o", "--output", required=True, help="tệp sẽ ghi")
        parser.add_argument(
            "--base-url", default=settings.PORTAL_URL, help="địa chỉ của cổng, in trong mã QR xác minh (PORTAL_URL)"
        )
        parser.add_argument(
            "--allow-loopback",
            "--allow-local",
            dest="allow_local",
            action="store_true",
            help="cho phép in địa chỉ máy nội bộ (127.0.0.1) vào văn bản",
        )

    def handle(self, *args, year, unit, output, base_url, allow_local, **options):
        issuer = Unit.objects.filter(code__iexact=unit.strip()).first()
        if issuer is None:
            raise CommandError(f"Không có đơn vị mã “{unit}”.")
        decision = (
            RecognitionDecision.objects.filter(issuer=issuer, campaign__year=year)
            .select_related("campaign__criteria_set", "issuer")
            .first()
        )
        if decision is None:
            raise CommandError(f"{issuer.name} chưa ban hành quyết định công nhận năm {year}.")
        if is_local_address(base_url) and not allow_local:
            raise CommandError(local_address_refusal(base_url))
        context = contexts.recognition_context(decision, base_url=base_url)
        if options["format"] == "pdf":
            body = contexts.render_recognition_pdf(context)
        else:
            body = contexts.render_recognition_xlsx(context)
        Path(output).write_bytes(body)
        self.stdout.write(
            self.style.SUCCESS(f"Đã ghi {decision.short_citation} ({len(context['rows'])} đơn vị) vào {output}.")
        )
