"""python manage.py export_results --year YYYY --unit CODE -o FILE.xlsx"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from branches.models import Unit
from evaluations.cycle.models import Campaign
from evaluations.results import contexts, exports


class Command(BaseCommand):
    help = (
        "Xuất kết quả năm YYYY của mọi Đoàn cơ sở thuộc đơn vị CODE ra Excel: mã, trạng thái, điểm tự chấm, "
        "điểm thẩm định, mức kết quả và điểm thẩm định từng tiêu chí (giống trang Kết quả trên cổng)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", required=True, type=int, help="năm đánh giá, ví dụ 2025")
        parser.add_argument("--unit", required=True, help="mã đơn vị, ví dụ DL-KP (DL: cả tỉnh)")
        parser.add_argument("-o", "--output", required=True, help="tệp .xlsx sẽ ghi")

    def handle(self, *args, year, unit, output, **options):
        target = Unit.objects.filter(code__iexact=unit.strip()).first()
        if target is None:
            raise CommandError(f"Không có đơn vị mã “{unit}”.")
        campaign = Campaign.objects.select_related("organiser", "criteria_set").at_root_of(target).filter(year=year)
        campaign = campaign.first()
        if campaign is None:
            raise CommandError(f"Năm {year} chưa được mở cho {target.name}.")
        context = contexts.subtree_results_export_context(campaign, target)
        rows = list(context["rows"])
        context["rows"] = rows
        Path(output).write_bytes(exports.results_xlsx(context))
        self.stdout.write(self.style.SUCCESS(f"Đã ghi kết quả năm {year} của {len(rows)} đơn vị vào {output}."))
