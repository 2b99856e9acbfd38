from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from evaluations.commendations import contexts
from evaluations.commendations.models import CommendationRound
from evaluations.commendations.services import latest_finalised


class Command(BaseCommand):
    help = "Xuất quyết định tuyên dương (PDF) hoặc danh sách (Excel) của một đợt đã ban hành."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--latest", action="store_true", help="Đợt ban hành gần nhất.")
        which.add_argument("--round", type=int, help="Mã (id) của đợt tuyên dương.")
        parser.add_argument("--format", choices=["pdf", "xlsx"], default="pdf")
        parser.add_argument("-o", "--output", required=True, help="Tệp ghi ra.")
        parser.add_argument(
            "--base-url",
            default=getattr(settings, "PORTAL_URL", "http://127.0.0.1:8000/"),
            help="Địa chỉ của cổng, in trong mã QR xác minh.",
        )

    def handle(self, *args, **options):
        if options["latest"]:
            commendation_round = latest_finalised()
            if commendation_round is None:
                raise CommandError("Chưa có đợt tuyên dương nào đã ban hành quyết định.")
        else:
            commendation_round = CommendationRound.objects.filter(pk=options["round"]).first()
            if commendation_round is None:
                raise CommandError(f"Không có đợt tuyên dương mã {options['round']}.")
        context = contexts.round_context(commendation_round, base_url=options["base_url"])
        body = contexts.render_decision_pdf(context) if options["format"] == "pdf" else contexts.render_xlsx(context)
        with open(options["output"], "wb") as file:
            file.write(body)
        self.stdout.write(f"Đã ghi {len(context['rows'])} đơn vị vào {options['output']}.")
