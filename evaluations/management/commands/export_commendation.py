from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from common.documents import is_local_address, local_address_refusal
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
            "--allow-local",
            "--allow-loopback",
            dest="allow_local",
            action="store_true",
            help="Cho phép in địa chỉ của chính máy này (PORTAL_URL là localhost/127.0.0.1) vào mã QR, để xuất thử.",
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
        # The QR code and the printed link carry the portal's address as its users open it (settings.PORTAL_URL).
        base_url = settings.PORTAL_URL
        if options["format"] == "pdf" and is_local_address(base_url) and not options["allow_local"]:
            raise CommandError(local_address_refusal(base_url))
        context = contexts.round_context(commendation_round, base_url=base_url)
        body = contexts.render_decision_pdf(context) if options["format"] == "pdf" else contexts.render_xlsx(context)
        with open(options["output"], "wb") as file:
            file.write(body)
        self.stdout.write(f"Đã ghi {len(context['rows'])} đơn vị vào {options['output']}.")
