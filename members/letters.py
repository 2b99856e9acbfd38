"""The transfer introduction letter (giấy giới thiệu chuyển sinh hoạt đoàn): context builder and PDF renderer."""

import datetime

from common.documents import DocumentSignature, document_header, render_pdf

from .models import MemberTransfer
from .services import grassroots_of

LETTER_VALID_DAYS = 30


def letter_context(transfer: MemberTransfer, *, today: datetime.date) -> dict:
    """Everything the letter shows, issued by the sending grassroots unit; the number is written at signing."""
    grassroots = grassroots_of(transfer.from_unit)
    member = transfer.member
    return {
        "title": f"Giấy giới thiệu chuyển sinh hoạt đoàn – {member.full_name}",
        "header": document_header(grassroots, doc_type="GGT", number="", date=today),
        "signature": DocumentSignature(
            position="BÍ THƯ", on_behalf="TM. BAN CHẤP HÀNH", recipients=("Như trên;", "Lưu VP.")
        ),
        "issuer_name": f"Ban Chấp hành {grassroots.name}",
        "grassroots": grassroots,
        "transfer": transfer,
        "member": member,
        "last_rating": member.ratings.order_by("-year").first(),
        "valid_until": today + datetime.timedelta(days=LETTER_VALID_DAYS),
    }


def render_letter(context: dict) -> bytes:
    return render_pdf("members/membertransfer_letter_pdf.html", context)
