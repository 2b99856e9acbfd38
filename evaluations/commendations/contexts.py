"""One source for every export of a commendation round: the decision and its list (PDF), the certificates (PDF),
the Excel list and the public verification page all read the context built here, so they say the same thing.

Builders do all the queries; the renderers below take only the context and return bytes.
"""

import dataclasses
from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse

from common.documents import (
    committee_signature,
    date_line,
    document_header,
    document_number,
    format_code,
    issuing_department,
    upper_vi,
)
from criteria.scoring import format_fixed, format_number
from evaluations.cycle.models import RecognitionDecision

from . import services
from .models import CommendationRound

# The department that proposes a decision, by default: the province's Ban Tổ chức – Kiểm tra (its code after the
# number, common.documents.issuing_department), a district-level unit's office (no code).
PROVINCE_DEPARTMENT_NAME = "Ban Tổ chức – Kiểm tra"
OFFICE = "Văn phòng"
# The Union's rules on emulation and commendation, cited by every decision unless the round names its own.
COMMENDATION_RULES = "Căn cứ quy định về công tác thi đua, khen thưởng của Đoàn TNCS Hồ Chí Minh;"
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


@dataclass(frozen=True)
class Issuing:
    """How a round's decision is issued: the department that proposes it (its code follows the number) and the
    grounds only the round knows, each the round's own setting or the issuer's default."""

    department_code: str
    department_name: str
    guidance_basis: str
    rules_basis: str


def issuer_defaults(organiser) -> Issuing:
    """The province proposes through its Ban Tổ chức – Kiểm tra (TCKT), a district-level unit through its office;
    both follow the province's guidance."""
    from branches.models import Unit

    province = organiser if organiser.depth == 1 else Unit.objects.at_root_of(organiser).first() or organiser
    code = issuing_department(organiser)
    name = PROVINCE_DEPARTMENT_NAME if organiser.depth == 1 else OFFICE
    guidance = f"Căn cứ Hướng dẫn của Ban Thường vụ {province.name} về việc xây dựng “Đoàn cơ sở 3 chủ động”;"
    return Issuing(code, name, guidance, COMMENDATION_RULES)


def issuing(commendation_round) -> Issuing:
    defaults = issuer_defaults(commendation_round.organiser)
    chosen = {
        field.name: getattr(commendation_round, field.name).strip() or getattr(defaults, field.name)
        for field in dataclasses.fields(Issuing)
    }
    if commendation_round.department_name.strip():
        # A department named by the round has only the code given with it (none: none).
        chosen["department_code"] = commendation_round.department_code.strip()
    return Issuing(**chosen)


def _basis(line: str) -> str:
    """A ground as the decision lists it: the officer's line, ending in ";"."""
    return line.strip().rstrip(" .;,") + ";"


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
    issued = issuing(commendation_round)
    department = issued.department_code
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
    # "Tỉnh đoàn Đắk Lắk" signs as "TỈNH ĐOÀN", "Huyện đoàn Krông Pắc" as "HUYỆN ĐOÀN" (DOCUMENT-FORMAT.md), a
    # deputy "KT. BÍ THƯ" / "PHÓ BÍ THƯ": as the recognition decision signs (common.documents.committee_signature).
    position = commendation_round.get_signer_position_display()
    window = commendation_round.window_label
    rows = _rows(commendation_round)
    number = document_number(commendation_round.decision_number, "QĐ", organiser.doc_code or "", department)
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
        "grounds": _grounds(organiser, issued),
        "articles": _articles(commendation_round, issued, len(rows), window),
        "signature": committee_signature(
            organiser,
            position=position,
            signer_name=commendation_round.signer_name,
            recipients=("Như Điều 3;", f"Lưu VP{', ' + department if department not in ('', 'VP') else ''}."),
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
        "certificate_signature": committee_signature(
            organiser, position=position, signer_name=commendation_round.signer_name, committee="BAN CHẤP HÀNH"
        ),
        "award_reason": "Đã có thành tích tiêu biểu trong xây dựng “Đoàn cơ sở 3 chủ động”",
        "award_period": f"giai đoạn {window}",
        "place_date": header.place_date_line,
        "base_url": base_url,
    }


def _proposer_body(organiser) -> str:
    """How the issuer names itself after a department: "Tỉnh đoàn" for the province, else its name."""
    return "Tỉnh đoàn" if organiser.depth == 1 else organiser.name


def _grounds(organiser, issued: Issuing) -> list[str]:
    return [
        "Căn cứ Điều lệ Đoàn TNCS Hồ Chí Minh;",
        _basis(issued.rules_basis),
        NATIONAL_GUIDANCE,
        _basis(issued.guidance_basis),
        f"Xét đề nghị của {issued.department_name} {_proposer_body(organiser)},",
    ]


def _articles(commendation_round, issued: Issuing, count: int, window: str) -> list[tuple[str, str]]:
    organiser = commendation_round.organiser
    departments = OFFICE if issued.department_name == OFFICE else f"{OFFICE}, {issued.department_name}"
    offices = f"{departments} {_proposer_body(organiser)}"
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


# --- the yearly recognition decision (quyết định công nhận) ------------------------------------------------------


def recognition_context(decision: RecognitionDecision, *, base_url: str) -> dict:
    """Everything a recognition decision, its list, its Excel list and its verification page say."""
    issuer, year = decision.issuer, decision.campaign.year
    department = issuing_department(issuer)
    committee = f"Ban Thường vụ {issuer.name}"
    rows = list(decision.entries.all())
    url = verification_url(base_url, decision.verification_code)
    subject_lead = "Về việc công nhận các đơn vị đạt “Đoàn cơ sở 3 chủ động” năm"
    recipients = ["Như Điều 3;"]
    if issuer.depth > 1:
        recipients.append("Ban Thường vụ Tỉnh đoàn (để báo cáo);")
    recipients.append(f"Lưu VP{', ' + department if department else ''}.")
    return {
        "decision": decision,
        "title": f"Quyết định công nhận “Đoàn cơ sở 3 chủ động” năm {year}",
        "header": document_header(
            issuer, doc_type="QĐ", number=decision.decision_number, department=department, date=decision.decision_date
        ),
        "draft": False,
        "subject": f"{subject_lead} {year}",
        "subject_lead": subject_lead,
        "window": str(year),
        "committee_line": upper_vi(committee),
        "grounds": _recognition_grounds(issuer, year),
        "articles": _recognition_articles(decision, rows),
        "signature": committee_signature(
            issuer, position=decision.signer_position, signer_name=decision.signer_name, recipients=recipients
        ),
        "list_title": "DANH SÁCH",
        "list_subtitle": f"Đơn vị đạt “Đoàn cơ sở 3 chủ động” năm {year}",
        "list_subtitle_lead": "Đơn vị đạt “Đoàn cơ sở 3 chủ động” năm",
        "list_reference": f"(Kèm theo Quyết định số {decision.reference} ngày {decision.decision_date:%d/%m/%Y} "
        f"của {committee})",
        "issuer": issuer.name,
        "decision_number": decision.reference,
        "decision_date": decision.decision_date,
        "rows": rows,
        "verification_code": format_code(decision.verification_code),
        "verification_url": url,
        "qr": qr_svg(url),
    }


def _recognition_grounds(issuer, year: int) -> list[str]:
    """The commendation's grounds with the issuer's defaults, less the commendation rules (this decision commends
    nobody), with the year's reviews before the proposal."""
    charter, _rules, *grounds, proposal = _grounds(issuer, issuer_defaults(issuer))
    results = f"Căn cứ kết quả tự đánh giá và thẩm định “Đoàn cơ sở 3 chủ động” năm {year} của các cơ sở Đoàn;"
    return [charter, *grounds, results, proposal]


def _recognition_articles(decision: RecognitionDecision, rows) -> list[tuple[str, str]]:
    issuer, year = decision.issuer, decision.campaign.year
    labels = {level.code: level.short_name or level.name for level in decision.campaign.criteria_set.levels.all()}
    counts: dict[str, int] = {}
    for row in rows:
        label = labels.get(row.level_code, row.level_name)
        counts[label] = counts.get(label, 0) + 1
    among = ", ".join(f"{count:02d} đơn vị mức {label}" for label, count in counts.items())
    among = f", trong đó: {among}" if len(counts) > 1 else ""
    offices = "Văn phòng, Ban Tổ chức – Kiểm tra Tỉnh đoàn" if issuer.depth == 1 else f"Văn phòng {issuer.name}"
    return [
        (
            "Điều 1.",
            f"Công nhận {len(rows):02d} đơn vị đạt “Đoàn cơ sở 3 chủ động” năm {year} (có danh sách kèm theo){among}.",
        ),
        (
            "Điều 2.",
            "Kết quả công nhận là căn cứ để đánh giá, xếp loại chất lượng tổ chức cơ sở Đoàn và xét thi đua, "
            f"khen thưởng năm {year}.",
        ),
        (
            "Điều 3.",
            f"{offices} và các đơn vị có tên tại Điều 1 căn cứ Quyết định thi hành. "
            "Quyết định có hiệu lực kể từ ngày ký.",
        ),
    ]


def render_recognition_pdf(context: dict) -> bytes:
    from common.documents import render_pdf

    return render_pdf("evaluations/recognition_decision_pdf.html", context)


def render_recognition_xlsx(context: dict) -> bytes:
    from common.spreadsheets import NUMBER, Column, write_table

    columns = [
        Column("STT", NUMBER),
        Column("Mã đơn vị"),
        Column("Tên đơn vị"),
        Column("Điểm thẩm định", NUMBER, number_format="0.0"),
        Column("Mức kết quả"),
    ]
    rows = ((r.position, r.unit_code, r.unit_name, r.review_total, r.level_name) for r in context["rows"])
    title_lines = [
        f"{context['list_title']} {context['list_subtitle'].upper()}",
        context["list_reference"],
        f"Mã xác minh: {context['verification_code']}",
    ]
    return write_table(columns=columns, rows=rows, title_lines=title_lines, sheet_title="Danh sách công nhận")


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
    # The file's own title names the certificates, not the decision they come from.
    title = f"{context['award_title'].capitalize()} – {context['subject'].removeprefix('Về việc ')}"
    return render_pdf(
        "evaluations/commendation_certificates_pdf.html", {**context, "certificates": certificates, "title": title}
    )


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
