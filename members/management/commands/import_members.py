"""python manage.py import_members FILE --unit CODE [--dry-run] [--skip-invalid]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from branches.models import Unit
from members.importing.matching import plan_import
from members.importing.workbook import WorkbookError, read_table
from members.importing.writing import write_import


class Command(BaseCommand):
    help = "Nhập đoàn viên từ tệp Excel vào đơn vị CODE (các dòng có thể ghi mã chi đoàn trực thuộc)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp .xlsx")
        parser.add_argument("--unit", required=True, help="mã đơn vị nhận, ví dụ DL-KP-EAPHE")
        parser.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")
        parser.add_argument("--skip-invalid", action="store_true", help="bỏ qua dòng lỗi, nhập các dòng hợp lệ")

    def handle(self, *args, file, unit, dry_run, skip_invalid, **options):
        target = Unit.objects.filter(code__iexact=unit.strip()).first()
        if target is None:
            raise CommandError(f"Không có đơn vị mã “{unit}”.")
        path = Path(file)
        try:
            table = read_table(path.read_bytes())
        except OSError as error:
            raise CommandError(f"Không đọc được tệp {path}: {error.strerror}.") from None
        except WorkbookError as error:
            raise CommandError(str(error)) from None
        plan = plan_import(table=table, unit=target)
        for problem in sorted(plan.problems, key=lambda p: p.row):
            value = f" “{problem.value}”" if problem.value else ""
            self.stdout.write(f"Dòng {problem.row}: {problem.column}{value}: {problem.message}")
        for row, original in plan.duplicates:
            self.stdout.write(f"Dòng {row}: giống hệt dòng {original}, bỏ qua.")
        if plan.foot_rows:
            self.stdout.write(
                f"Dòng {plan.foot_rows[0]}–{plan.foot_rows[-1]}: chân bảng (ký tên), bỏ qua {len(plan.foot_rows)} dòng."
            )
        self.stdout.write(
            f"Tổng kết: {len(plan.creates)} thêm mới, {len(plan.updates)} cập nhật, {plan.unchanged} không đổi, "
            f"{len(plan.problem_rows)} dòng lỗi, {len(plan.duplicates)} dòng lặp lại, "
            f"{plan.ignored + len(plan.foot_rows)} dòng bỏ qua (trống hoặc ký tên)."
        )
        if plan.problems and not skip_invalid:
            raise CommandError("Có dòng lỗi nên không ghi dòng nào (dùng --skip-invalid để chỉ nhập các dòng hợp lệ).")
        if dry_run:
            self.stdout.write("Chạy thử (--dry-run): chưa ghi gì.")
            return
        result = write_import(plan=plan, by=None, source_name=path.name, skip_invalid=skip_invalid)
        done = f"Đã thêm {result.created} đoàn viên, cập nhật {result.updated} hồ sơ vào {target.name}."
        self.stdout.write(self.style.SUCCESS(done))
