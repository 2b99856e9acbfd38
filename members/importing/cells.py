"""Pure normalisers for one cell of a member workbook: Excel values or text in, Python values or CellError out."""

import datetime
import functools
import re
import unicodedata

from common.text import search_key

# Excel stores dates as days since 1899-12-30 (with the 1900 leap-year bug already folded in).
_EXCEL_EPOCH = datetime.date(1899, 12, 30)
_DATE_TEXT = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_ISO_DATE_TEXT = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
_SPACES = re.compile(r"\s+")
_FORMULA_TRIGGERS = ("=", "+", "-", "@")


class CellError(ValueError):
    """A cell value that cannot be used; the message is shown to the user."""


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def clean_text(value, *, max_length: int | None = None) -> str:
    """Text with surrounding and repeated spaces removed (NFC, so "ễ" typed in two ways compares equal)."""
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", str(value))).strip()
    if text[:1] == "'" and text[1:2] in _FORMULA_TRIGGERS:
        text = text[1:]  # the apostrophe older exports of the portal put before = + - @ to keep a formula from running
    if max_length is not None and len(text) > max_length:
        raise CellError(f"Dài quá {max_length} ký tự.")
    return text


def parse_date(value, *, today: datetime.date | None = None) -> datetime.date | None:
    """A date from a real Excel date, an Excel serial number, or text dd/mm/yyyy or d/m/yyyy."""
    if is_blank(value):
        return None
    if isinstance(value, datetime.datetime):
        result = value.date()
    elif isinstance(value, datetime.date):
        result = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if not 1 <= value < 2958466:
            raise CellError("Không đọc được ngày; hãy ghi theo dạng ngày/tháng/năm, ví dụ 05/09/2001.")
        result = _EXCEL_EPOCH + datetime.timedelta(days=int(value))
    else:
        result = _parse_date_text(clean_text(value))
    if result.year < 1900:
        raise CellError("Năm phải từ 1900 trở đi.")
    if today is not None and result > today:
        raise CellError("Ngày ở tương lai.")
    return result


def _parse_date_text(text: str) -> datetime.date:
    match = _DATE_TEXT.match(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
    else:
        match = _ISO_DATE_TEXT.match(text)
        if not match:
            raise CellError("Không đọc được ngày; hãy ghi theo dạng ngày/tháng/năm, ví dụ 05/09/2001.")
        year, month, day = (int(part) for part in match.groups())
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise CellError(f"Ngày không có thật: {day:02d}/{month:02d}/{year}.") from None


def parse_id_number(value) -> str | None:
    """A 12-digit CCCD. A number typed into Excel loses its leading zero, so 11 digits from a number get it back."""
    if is_blank(value):
        return None
    if isinstance(value, float):
        if not value.is_integer():
            raise CellError("Số CCCD phải gồm đúng 12 chữ số.")
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        text = str(value)
        if len(text) == 11:
            text = "0" + text
    else:
        text = re.sub(r"[\s.]", "", clean_text(value)).lstrip("'")
    if not text.isdigit() or not text.isascii():
        raise CellError("Số CCCD chỉ được gồm chữ số.")
    if len(text) != 12:
        raise CellError(f"Số CCCD phải gồm đúng 12 chữ số (đang có {len(text)}).")
    return text


def parse_phone(value) -> str:
    """A phone number as text; a number typed into Excel gets its leading zero back."""
    if is_blank(value):
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        text = str(int(value))
        return "0" + text if len(text) == 9 else text
    return clean_text(value, max_length=30)


_GENDERS = {"nam": "nam", "nu": "nu", "male": "nam", "female": "nu", "m": "nam", "f": "nu"}


def parse_gender(value) -> str | None:
    """ "Nam"/"Nữ" in any case or spelling, as the Gender value."""
    if is_blank(value):
        return None
    gender = _GENDERS.get(search_key(clean_text(value)))
    if gender is None:
        raise CellError("Giới tính phải là “Nam” hoặc “Nữ”.")
    return gender


_TRUE = {"co", "x", "1", "la dang vien", "dang vien", "dv", "yes", "true", "v"}
_FALSE = {"khong", "0", "no", "false", "-", "chua"}


def parse_bool(value) -> bool:
    """Đảng viên: Có / Không (also x, 1, blank)."""
    if is_blank(value):
        return False
    if isinstance(value, bool):
        return value
    key = search_key(clean_text(value))
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise CellError("Ghi “Có” hoặc “Không”.")


def parse_choice(value, choices) -> str | None:
    """A TextChoices value from its label or value, ignoring case and diacritics."""
    if is_blank(value):
        return None
    lookup = _choice_lookup(tuple(choices))
    found = lookup.get(search_key(clean_text(value)))
    if found is None:
        raise CellError("Phải là một trong: " + ", ".join(label for _, label in choices) + ".")
    return found


@functools.cache
def _choice_lookup(choices: tuple) -> dict[str, str]:
    lookup = {}
    for choice_value, label in choices:
        lookup[search_key(str(label))] = choice_value
        lookup[search_key(choice_value)] = choice_value
    return lookup
