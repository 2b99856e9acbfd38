"""One source for every export of a commendation round: the decision and its list (PDF), the certificates (PDF),
the Excel list and the public verification page all read the context built here, so they say the same thing.

Builders do all the queries; the renderers below take only the context and return bytes.
"""

import dataclasses
from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse

from common.documents import (
    DocumentSignature,
    date_line,
    document_header,
    document_number,
    signing_body,
    upper_vi,
)
from criteria.scoring import format_fixed, format_number

from . import services
from .models import CommendationRound, format_code

PROVINCE_DEPARTMENT = "TCKT"
# The programme's national guidance, cited in every decision.
NATIONAL_GUIDANCE = (
    "Căn cứ Hướng dẫn số 18-HD/TWĐTN-BTC ngày 24/5/2023 của Ban Bí thư Trung ương Đoàn về việc "
    "xây dựng “Đoàn cơ sở 3 chủ động”;"
)


def average_text(value) -> str:
    """An average as every export prints it: two decimals ("87,25", "93,00"); blank without one."""
    return format_fixed(Decimal(value)) if value not in (None, "") else ""


@dataclass(frozen=True)
class ListRow:
    position: int
    code: str
    name: str
    district_name: str
    recognised_years: int
    average_total: Decimal | None
    last_total: Decimal | None
    rank: int | None
    note: str
    verification_code: str = ""
    register_number: int | None = None

    @property
    def register_text(self) -> str:
        """ "0045": the certificate's number in the issuer's register."""
        return f"{self.register_number:04d}" if self.register_number is not None else ""

    @property
    def average_text(self) -> str:
        return average_text(self.average_total)

    @property
    def last_text(self) -> str:
        return format_number(self.last_total) if self.last_total is not None else ""

    @property
    def code_text(self) -> str:
        return format_code(self.verification_code) if self.verification_code else ""


def _rows(commendation_round) -> list[ListRow]:
    if commendation_round.is_finalised:
        return [
            ListRow(
                position=e.position,
                code=e.unit_code,
                name=e.unit_name,
                district_name=e.district_name,
                recognised_years=e.recognised_years,
                average_total=e.average_total,
                last_total=e.last_total,
                rank=e.rank,
                note=e.note,
                verification_code=e.verification_code,
                register_number=e.register_number,
            )
            for e in commendation_round.entries.all()
        ]
    selected = sorted(services.compute_outcome(commendation_round).selected, key=services._list_order)
    last = services.last_register_number(commendation_round.organiser)  # a draft shows the numbers it would get
    return [
        ListRow(
            position=position,
            code=v.code,
            name=v.name,
            district_name=v.district_name,
            recognised_years=v.recognised_years,
            average_total=v.average_total,
            last_total=v.last_total,
            rank=v.rank,
            note=services.entry_note(v),
            register_number=last + position,
        )
        for position, v in enumerate(selected, start=1)
    ]


def _decision_number(commendation_round) -> str:
    organiser = commendation_round.organiser
    department = PROVINCE_DEPARTMENT if organiser.depth == 1 else ""
    return document_number(commendation_round.decision_number, "QĐ", organiser.doc_code or "", department)


def verification_url(base_url: str, code: str) -> str:
    return base_url.rstrip("/") + reverse("evaluations:commendation_verify") + f"?ma={code}"


def qr_svg(url: str) -> str:
    """The QR code of `url` as inline SVG markup (segno), which WeasyPrint draws as vector graphics."""
    import segno

    return segno.make(url, error="m").svg_inline(scale=3, border=2)


def round_context(commendation_round: CommendationRound, *, base_url: str) -> dict:
    """Everything the decision, its list, the certificates and the Excel say about one round."""
    organiser = commendation_round.organiser
    finalised = commendation_round.is_finalised
    department = PROVINCE_DEPARTMENT if organiser.depth == 1 else ""
    header = document_header(
        organiser,
        doc_type="QĐ",
        number=commendation_round.decision_number,
        department=department,
        date=commendation_round.decision_date,
    )
    if not finalised:
        header = dataclasses.replace(header, place_date_line=date_line(organiser.place_name or organiser.name, None))
    committee = f"Ban Thường vụ {organiser.name}"
    # "Tỉnh đoàn Đắk Lắk" signs as "TỈNH ĐOÀN", "Huyện đoàn Krông Pắc" as "HUYỆN ĐOÀN" (DOCUMENT-FORMAT.md).
    body = signing_body(organiser.name)
    acting_for, position = commendation_round.signer_lines
    window = commendation_round.window_label
    rows = _rows(commendation_round)
    number = _decision_number(commendation_round)
    date_text = commendation_round.decision_date.strftime("%d/%m/%Y") if commendation_round.decision_date else "…"
    code = commendation_round.verification_code or ""
    url = verification_url(base_url, code) if finalised else ""
    return {
        "round": commendation_round,
        "title": f"Quyết định tuyên dương {window}",
        "header": header,
        "draft": not finalised,
        "subject": f"Về việc tuyên dương “Đoàn cơ sở 3 chủ động” tiêu biểu giai đoạn {window}",
        "subject_lead": "Về việc tuyên dương “Đoàn cơ sở 3 chủ động” tiêu biểu giai đoạn",
        "window": window,
        "committee_line": upper_vi(committee),
        "grounds": _grounds(organiser),
        "articles": _articles(commendation_round, len(rows), window),
        "signature": DocumentSignature(
            position=position,
            acting_for=acting_for,
            on_behalf=f"TM. BAN THƯỜNG VỤ {body}",
            signer_name=commendation_round.signer_name,
            recipients=("Như Điều 3;", f"Lưu VP{', ' + department if department else ''}."),
        ),
        "list_title": "DANH SÁCH",
        "list_subtitle": f"Đơn vị được tuyên dương “Đoàn cơ sở 3 chủ động” tiêu biểu giai đoạn {window}",
        "list_subtitle_lead": "Đơn vị được tuyên dương “Đoàn cơ sở 3 chủ động” tiêu biểu giai đoạn",
        "list_reference": f"(Kèm theo Quyết định số {number} ngày {date_text} của {committee})",
        "issuer": organiser.name,
        "decision_number": number,
        "decision_date": commendation_round.decision_date,
        "rows": rows,
        "verification_code": format_code(code) if code else "",
        "verification_url": url,
        "qr": qr_svg(url) if finalised else "",
        "award_title": commendation_round.award_title,
        "award_giver": upper_vi(f"Ban Chấp hành {organiser.name}"),
        "certificate_on_behalf": f"TM. BAN CHẤP HÀNH {body}",
        "award_reason": "Đã có thành tích tiêu biểu trong xây dựng “Đoàn cơ sở 3 chủ động”",
        "award_period": f"giai đoạn {window}",
        "place_date": header.place_date_line,
        "base_url": base_url,
    }


def _grounds(organiser) -> list[str]:
    lines = ["Căn cứ Điều lệ Đoàn TNCS Hồ Chí Minh;", NATIONAL_GUIDANCE]
    if organiser.depth > 1:
        lines.append("Căn cứ hướng dẫn của Ban Thường vụ Tỉnh đoàn về xây dựng “Đoàn cơ sở 3 chủ động”;")
    lines.append(
        "Xét đề nghị của Ban Tổ chức – Kiểm tra Tỉnh đoàn,"
        if organiser.depth == 1
        else f"Xét đề nghị của Văn phòng {organiser.name},"
    )
    return lines


def _articles(commendation_round, count: int, window: str) -> list[tuple[str, str]]:
    organiser = commendation_round.organiser
    offices = "Văn phòng, Ban Tổ chức – Kiểm tra Tỉnh đoàn" if organiser.depth == 1 else f"Văn phòng {organiser.name}"
    return [
        (
            "Điều 1.",
            f"Tuyên dương {count:02d} đơn vị đạt danh hiệu “Đoàn cơ sở 3 chủ động” tiêu biểu giai đoạn {window} "
            "(có danh sách kèm theo).",
        ),
        (
            "Điều 2.",
            f"Các đơn vị có tên tại Điều 1 được tặng {commendation_round.award_title.lower()} "
            f"của Ban Chấp hành {organiser.name}.",
        ),
        (
            "Điều 3.",
            f"{offices} và các đơn vị có tên tại Điều 1 căn cứ Quyết định thi hành. "
            "Quyết định có hiệu lực kể từ ngày ký.",
        ),
    ]


# --- renderers: context in, bytes out ----------------------------------------------------------------------------


def render_decision_pdf(context: dict) -> bytes:
    from common.documents import render_pdf

    return render_pdf("evaluations/commendation_decision_pdf.html", context)


def render_certificates_pdf(context: dict) -> bytes:
    from common.documents import render_pdf

    certificates = [
        {
            "row": row,
            "serial": row.register_text,
            "qr": qr_svg(verification_url(context["base_url"], row.verification_code)) if row.verification_code else "",
        }
        for row in context["rows"]
    ]
    return render_pdf("evaluations/commendation_certificates_pdf.html", {**context, "certificates": certificates})


def render_xlsx(context: dict) -> bytes:
    from common.spreadsheets import NUMBER, Column, write_table

    columns = [
        Column("STT", NUMBER),
        Column("Mã đơn vị"),
        Column("Tên đơn vị"),
        Column("Đơn vị cấp trên"),
        Column("Số năm đạt", NUMBER),
        Column("Điểm thẩm định bình quân", NUMBER, number_format="0.00"),
        Column("Điểm thẩm định năm cuối", NUMBER, number_format="0.0"),
        Column("Xếp thứ trong đơn vị cấp trên", NUMBER),
        Column("Ghi chú"),
    ]
    rows = (
        (r.position, r.code, r.name, r.district_name, r.recognised_years, r.average_total, r.last_total, r.rank, r.note)
        for r in context["rows"]
    )
    title_lines = [
        context["list_title"] + " " + context["list_subtitle"].upper(),
        context["list_reference"],
    ]
    if context["draft"]:
        title_lines.append("DỰ THẢO – chưa ban hành quyết định")
    return write_table(columns=columns, rows=rows, title_lines=title_lines, sheet_title="Danh sách tuyên dương")
