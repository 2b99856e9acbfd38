"""python manage.py export_members --unit CODE -o FILE.xlsx"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from branches.models import Unit
from members.exporting import export_members
from members.models import Member


class Command(BaseCommand):
    help = "Xuất đoàn viên của đơn vị CODE và các đơn vị trực thuộc ra Excel theo các cột của tệp mẫu."

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="mã đơn vị, ví dụ DL-KP")
        parser.add_argument("-o", "--output", required=True, help="tệp .xlsx sẽ ghi")

    def handle(self, *args, unit, output, **options):
        target = Unit.objects.filter(code__iexact=unit.strip()).first()
        if target is None:
            raise CommandError(f"Không có đơn vị mã “{unit}”.")
        members = Member.objects.in_subtree(target).order_by("sort_key", "pk")
        data = export_members(members, title=f"DANH SÁCH ĐOÀN VIÊN – {target.name.upper()}")
        Path(output).write_bytes(data)
        self.stdout.write(self.style.SUCCESS(f"Đã ghi {members.count()} đoàn viên vào {output}."))
