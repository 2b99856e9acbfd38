"""Official Youth Union documents (thể thức văn bản của Đoàn): the header blocks and the PDF renderer.

Every PDF of the portal is a template extending `pdf_base.html`, given a `header` built here, and turned into
bytes by `render_pdf`. The PDF embeds the vendored Tinos font and fetches nothing but our own static files.
"""

import atexit
import datetime
import gc
import ipaddress
import logging
import mimetypes
import os
import secrets
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils._os import safe_join

RIGHT_TITLE = "ĐOÀN TNCS HỒ CHÍ MINH"
SEPARATOR = "***"
DOC_TYPES = {
    "QĐ": "Quyết định",
    "HD": "Hướng dẫn",
    "KH": "Kế hoạch",
    "CV": "Công văn",
    "NQ": "Nghị quyết",
    "BC": "Báo cáo",
    "TB": "Thông báo",
    "DS": "Danh sách",
}
# The Tỉnh đoàn's decisions carry the department that drafted them (Ban Tổ chức – Kiểm tra): "12-QĐ/TĐTN-TCKT".
PROVINCE_DEPARTMENT = "TCKT"
# How a unit's name starts when it names its kind, as its committee signs: "TM. BAN THƯỜNG VỤ HUYỆN ĐOÀN".
SIGNING_KINDS = ("Tỉnh đoàn", "Thành đoàn", "Thị đoàn", "Huyện đoàn", "Quận đoàn", "Đoàn Khối")
# Verification codes printed on decisions and certificates: Crockford's base 32 (no I, L, O, U), 12 characters
# carry 60 random bits and read well on paper.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12
# Room left for a number written by hand when the document is numbered at signing.
BLANK_NUMBER = "\u00a0" * 6
# Documents are rendered against this made-up origin, so every relative URL can be recognised and served
# from the static files; anything else is refused.
PDF_BASE_URL = "http://portal.invalid/"


@dataclass(frozen=True)
class DocumentHeader:
    """The two header blocks of an official document, ready for `components/doc_header.html`."""

    superior_line: str  # the superior's name in capitals; empty for the province itself
    issuer_line: str  # the issuing body's name in capitals (shown in bold)
    separator: str
    number_line: str  # "Số: 12-QĐ/ĐTN"
    right_title: str  # "ĐOÀN TNCS HỒ CHÍ MINH"
    place_date_line: str  # "Krông Pắc, ngày 05 tháng 01 năm 2027" (shown in italics)

    @property
    def left_lines(self) -> list[str]:
        lines = [self.superior_line] if self.superior_line else []
        return [*lines, self.issuer_line, self.separator, self.number_line]


def document_number(number, doc_type: str, issuer_code: str, department: str = "") -> str:
    """The document number as printed after "Số:": "12-QĐ/ĐTN", "78-HD/TĐTN-TCKT"; blank room without a number."""
    number = str(number).strip() if number not in (None, "") else BLANK_NUMBER
    issuer = issuer_code.strip()
    if department.strip():
        issuer = f"{issuer}-{department.strip()}"
    return f"{number}-{doc_type}/{issuer}"


def date_line(place: str, date: datetime.date | None) -> str:
    """ "Krông Pắc, ngày 05 tháng 01 năm 2027": days 01–09 and months 01–02 keep a leading zero.

    Without a date, the day and month are left blank to be written in at signing.
    """
    if date is None:
        return f"{place}, ngày {BLANK_NUMBER} tháng {BLANK_NUMBER} năm {BLANK_NUMBER}"
    day = f"{date.day:02d}"
    month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
    return f"{place}, ngày {day} tháng {month} năm {date.year}"


def upper_vi(text: str) -> str:
    """Capitals that keep every Vietnamese mark: "Huyện đoàn Krông Pắc" → "HUYỆN ĐOÀN KRÔNG PẮC"."""
    return unicodedata.normalize("NFC", text or "").upper()


def issuing_department(unit) -> str:
    """The department code after the issuer's in a decision's number: the province's TCKT, none for other units."""
    return PROVINCE_DEPARTMENT if unit.depth == 1 else ""


def signing_body(unit) -> str:
    """The unit as its committee names it when signing: "TỈNH ĐOÀN", "HUYỆN ĐOÀN", "ĐOÀN KHỐI"; a name that does
    not start with its kind ("Đoàn Thanh niên Công an tỉnh") is written whole, never cut."""
    name = " ".join((unit.name or "").split())
    for kind in SIGNING_KINDS:
        if name.casefold().startswith(kind.casefold() + " "):
            return upper_vi(kind)
    return upper_vi(name)


def new_verification_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def format_code(code: str) -> str:
    """ "7K29QXABCDEF" → "7K29-QXAB-CDEF", as printed."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


# Crockford's decoding: a reader who takes O for 0, or I or L for 1, still means the same code.
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def parse_code(typed: str) -> str | None:
    """The code as stored, from what a reader typed or the QR code carried ("7k29-qxab cdef", "7K29 QXAB CDEF",
    O for 0, I or L for 1); None if it cannot be a code."""
    code = "".join((typed or "").split()).replace("-", "").upper().translate(_READ_AS)
    return code if len(code) == CODE_LENGTH and all(c in CODE_ALPHABET for c in code) else None


def is_local_address(url: str) -> bool:
    """Whether `url` points at the machine it is opened on (localhost, 127.0.0.1, ::1, 0.0.0.0): printed into a
    document's QR code, it opens nothing on the reader's phone."""
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    if host in ("", "localhost") or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def local_address_refusal(url: str) -> str:
    """Why an export refuses to print `url` into a document (its commands take --allow-local / --allow-loopback)."""
    return (
        f"Địa chỉ cổng “{url}” là máy nội bộ, địa chỉ của chính máy này: mã QR in trên văn bản sẽ không mở được "
        "trang xác minh từ máy khác. Hãy đặt PORTAL_URL là địa chỉ người dùng mở cổng (ví dụ "
        "https://3chudong.tinhdoan.vn), hoặc thêm --allow-local nếu chỉ xuất để xem thử."
    )


def document_header(unit, *, doc_type="QĐ", number="", department="", date=None) -> DocumentHeader:
    """The header of a document issued by `unit`; `date` defaults to today (local time)."""
    parent = type(unit).objects.get_parent(unit) if unit.depth > 1 else None  # common imports no app
    return DocumentHeader(
        superior_line=upper_vi(parent.name) if parent else "",
        issuer_line=upper_vi(unit.short_name or unit.name),
        separator=SEPARATOR,
        number_line=f"Số: {document_number(number, doc_type, unit.doc_code or '', department)}",
        right_title=RIGHT_TITLE,
        place_date_line=date_line(unit.place_name or unit.name, date or timezone.localdate()),
    )


class StaticOnlyFetchError(ValueError):
    """WeasyPrint asked for something that is not one of the project's own static files."""


def static_file_path(url: str) -> str:
    """The local file behind a static URL of the PDF origin; raises for anything else (no network access)."""
    parts = urlsplit(url)
    if parts.scheme != "http" or parts.netloc != urlsplit(PDF_BASE_URL).netloc:
        raise StaticOnlyFetchError(f"Văn bản PDF chỉ được dùng tệp tĩnh của cổng, không tải: {url}")
    path = unquote(parts.path)
    if not path.startswith(settings.STATIC_URL):
        raise StaticOnlyFetchError(f"Không phải tệp tĩnh của cổng: {url}")
    relative = path[len(settings.STATIC_URL) :]
    if ".." in relative.split("/") or "\\" in relative:
        raise StaticOnlyFetchError(f"Đường dẫn tệp tĩnh không hợp lệ: {url}")
    try:
        found = finders.find(relative)
        if not found and settings.STATIC_ROOT:
            # Collected (possibly hashed) names exist only under STATIC_ROOT in production.
            candidate = safe_join(str(settings.STATIC_ROOT), relative)
            found = candidate if os.path.isfile(candidate) else None
    except SuspiciousFileOperation:
        found = None
    if not found:
        raise StaticOnlyFetchError(f"Không tìm thấy tệp tĩnh: {relative}")
    return found


def _static_fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = static_file_path(url)
            with open(path, "rb") as file:
                body = file.read()
            content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body, {"Content-Type": content_type})

    # fail_on_errors: a refused or missing file stops the rendering instead of printing without it.
    return StaticOnlyFetcher(fail_on_errors=True, allowed_protocols=["http", "data"])


_fonts = None


def _font_stylesheet():
    """The Tinos @font-face rules (pdf_fonts.css) and the font configuration holding them, built once per process.

    WeasyPrint decompresses every WOFF2 face of a stylesheet in pure Python each time it meets it: twelve faces
    cost seconds per document, more than laying out a 1,000-row list. Loaded once, they cost nothing afterwards.
    """
    global _fonts
    if _fonts is None:
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        font_config = FontConfiguration()
        css = CSS(
            string=render_to_string("pdf_fonts.css"),
            base_url=PDF_BASE_URL,
            url_fetcher=_static_fetcher(),
            font_config=font_config,
        )
        _fonts = (font_config, css)
        # Drop them before the interpreter tears modules down, so their temporary folder is removed cleanly.
        atexit.register(_release_fonts)
    return _fonts


def _release_fonts() -> None:
    global _fonts
    _fonts = None
    gc.collect()


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a template extending pdf_base.html to PDF bytes, fetching only the project's static files."""
    # Both log a line per step and per font at INFO; keep their warnings only.
    for name in ("weasyprint.progress", "fontTools"):
        logging.getLogger(name).setLevel(logging.WARNING)
    import weasyprint  # heavy import, only where a PDF is made

    font_config, fonts = _font_stylesheet()
    html = unicodedata.normalize("NFC", render_to_string(template_name, context))
    document = weasyprint.HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=_static_fetcher())
    return document.write_pdf(stylesheets=[fonts], font_config=font_config)


@dataclass(frozen=True)
class DocumentSignature:
    """The signature block, for `components/doc_signature.html`."""

    position: str  # "BÍ THƯ"
    on_behalf: str = ""  # "TM. BAN THƯỜNG VỤ TỈNH ĐOÀN", then "\nKT. BÍ THƯ" when a deputy signs
    signer_name: str = ""
    recipients: tuple[str, ...] = ()  # lines under "Nơi nhận:", e.g. ("Như Điều 3;", "Lưu VP, TCKT.")


SECRETARY = "BÍ THƯ"


def committee_signature(
    unit, *, position: str, signer_name: str, recipients=(), committee: str = "BAN THƯỜNG VỤ"
) -> DocumentSignature:
    """The committee's signature block: "TM. BAN THƯỜNG VỤ HUYỆN ĐOÀN" over the signer's position, with
    "KT. BÍ THƯ" between them when a deputy (Phó Bí thư) signs for the secretary. Decisions sign for the standing
    committee; certificates for the executive committee (committee="BAN CHẤP HÀNH")."""
    position = upper_vi(position.strip()) or SECRETARY
    on_behalf = f"TM. {committee} {signing_body(unit)}"
    if position != SECRETARY:
        on_behalf += f"\nKT. {SECRETARY}"
    return DocumentSignature(
        position=position, on_behalf=on_behalf, signer_name=signer_name, recipients=tuple(recipients)
    )
