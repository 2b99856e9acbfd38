"""python manage.py export_criteria CODE --format pdf|xlsx -o FILE: print or export a criteria set."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from branches.models import Unit
from criteria import contexts, exports
from criteria.models import CriteriaSet, SetStatus
from criteria.specs import load_set


class Command(BaseCommand):
    help = "Xuất bộ tiêu chí (bản đã công bố, hoặc phiên bản chỉ định) ra tệp PDF hoặc Excel."

    def add_arguments(self, parser):
        parser.add_argument("code", help="Mã bộ tiêu chí, ví dụ 3CD-2023-2027.")
        parser.add_argument("--format", choices=["pdf", "xlsx"], required=True, dest="fmt")
        parser.add_argument("-o", "--output", required=True, help="Tệp cần ghi.")
        parser.add_argument("--set-version", type=int, dest="set_version", help="Phiên bản (mặc định: bản đã công bố).")

    def handle(self, *args, code, fmt, output, set_version=None, **options):
        criteria_set = _find_set(code, set_version)
        issuer = Unit.objects.get_root_nodes().first()
        context = contexts.document_context(load_set(criteria_set.pk), issuer=issuer)
        content = exports.criteria_set_pdf(context) if fmt == "pdf" else exports.criteria_set_xlsx(context)
        Path(output).write_bytes(content)
        self.stdout.write(f"Đã ghi {criteria_set} vào {output} ({len(content)} byte).")


def _find_set(code: str, version: int | None) -> CriteriaSet:
    versions = CriteriaSet.objects.filter(code=code)
    if version is not None:
        versions = versions.filter(version=version)
    else:
        published = versions.filter(status=SetStatus.PUBLISHED)
        versions = published if published.exists() else versions.order_by("-version")
    criteria_set = versions.first()
    if criteria_set is None:
        known = ", ".join(sorted(set(CriteriaSet.objects.values_list("code", flat=True))))
        raise CommandError(
            f"Không có bộ tiêu chí mã {code}{f' phiên bản {version}' if version else ''}. Các mã: {known}."
        )
    return criteria_set
