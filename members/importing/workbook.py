"""Open an uploaded workbook safely and find its member table below any title lines."""

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field

from defusedxml.ElementTree import ParseError, fromstring, iterparse
from python_calamine import CalamineError, CalamineWorkbook

from members.columns import COLUMNS, Column, match_header, required_headers

MAX_UPLOAD_BYTES = 30 * 1024 * 1024
# An .xlsx is a zip of XML. Its directory states each part's uncompressed size, so a zip bomb is refused
# before a single byte is inflated. 100,000 members take about 60 MB of XML.
MAX_UNCOMPRESSED_BYTES = 600 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200  # real sheets compress 5-30 times; bombs compress thousands of times
HEADER_SEARCH_ROWS = 30
REQUIRED_COLUMNS = [column for column in COLUMNS if column.required]

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


class WorkbookError(ValueError):
    """The file cannot be used at all; the message is shown to the user."""


@dataclass
class Table:
    """The member table of a workbook: which column holds what, and the data rows with Excel row numbers."""

    sheet_name: str
    header_row: int  # Excel row number of the header
    columns: dict[int, Column]  # column index (0-based) -> column
    header_texts: dict[str, str] = field(default_factory=dict)  # column key -> the header as the file writes it
    rows: list[tuple[int, list]] = field(default_factory=list)  # (Excel row number, cell values)
    uncached: set[tuple[int, int]] = field(default_factory=set)  # (Excel row, column index) of unread formulas


def check_file(data: bytes) -> None:
    """Refuse files that are too large, not .xlsx, password-protected or zip bombs."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise WorkbookError(f"Tệp quá lớn (tối đa {MAX_UPLOAD_BYTES // (1024 * 1024)} MB).")
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED_STREAM in data:
            raise WorkbookError("Tệp được đặt mật khẩu. Hãy mở bằng Excel, bỏ mật khẩu, lưu lại rồi tải lên.")
        raise WorkbookError("Tệp Excel 97-2003 (.xls) chưa được hỗ trợ. Hãy mở bằng Excel và lưu thành .xlsx.")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise WorkbookError("Tệp không phải bảng tính Excel (.xlsx) hoặc đã bị hỏng.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise WorkbookError("Tệp không phải bảng tính Excel (.xlsx) hoặc đã bị hỏng.") from None
    names = {info.filename for info in infos}
    if "[Content_Types].xml" not in names or not any(name.startswith("xl/") for name in names):
        raise WorkbookError("Tệp không phải bảng tính Excel (.xlsx) hoặc đã bị hỏng.")
    total = sum(info.file_size for info in infos)
    too_compressed = any(
        info.file_size > 10 * 1024 * 1024 and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1)
        for info in infos
    )
    if total > MAX_UNCOMPRESSED_BYTES or too_compressed:
        raise WorkbookError("Tệp có dung lượng giải nén bất thường (nghi là tệp độc hại), không đọc.")


def read_table(data: bytes) -> Table:
    """The member table of the first sheet that has one; WorkbookError when the file cannot be used."""
    check_file(data)
    workbook = _calamine(lambda: CalamineWorkbook.from_filelike(io.BytesIO(data)))
    for name in workbook.sheet_names:
        sheet = _calamine(lambda name=name: workbook.get_sheet_by_name(name))
        # Look for the header in the first rows before turning a whole sheet into Python values.
        top = _calamine(lambda sheet=sheet: sheet.to_python(skip_empty_area=False, nrows=HEADER_SEARCH_ROWS))
        if _find_table(name, top) is None:
            continue
        table = _find_table(name, _calamine(lambda sheet=sheet: sheet.to_python(skip_empty_area=False)))
        table.uncached = uncached_formulas(data, name)
        return table
    raise WorkbookError(
        "Không tìm thấy dòng tiêu đề của danh sách. Cần có các cột: "
        + ", ".join(f"“{header}”" for header in required_headers())
        + " (xem tệp mẫu)."
    )


def _calamine(read):
    """Run a python-calamine call, turning its errors into the user's message."""
    try:
        return read()
    except (CalamineError, ValueError, OSError) as error:
        if "password" in str(error).lower():
            raise WorkbookError("Tệp được đặt mật khẩu. Hãy mở bằng Excel, bỏ mật khẩu, lưu lại rồi tải lên.") from None
        raise WorkbookError("Tệp không phải bảng tính Excel (.xlsx) hoặc đã bị hỏng.") from None


def _find_table(sheet_name: str, rows: list[list]) -> Table | None:
    """The first row that names the full-name column and at least one other is the header row."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns = _header_columns(row)
        keys = {column.key for column in columns.values()}
        if "full_name" in keys and len(keys) >= 2:
            missing = [column.header for column in REQUIRED_COLUMNS if column.key not in keys]
            if missing:
                raise WorkbookError(
                    f"Trang “{sheet_name}” thiếu cột: " + ", ".join(f"“{header}”" for header in missing) + "."
                )
            data_rows = [(number, row) for number, row in enumerate(rows[index + 1 :], start=index + 2)]
            texts = {column.key: " ".join(str(row[position]).split()) for position, column in columns.items()}
            return Table(sheet_name, index + 1, columns, texts, data_rows)
    return None


def _header_columns(row: list) -> dict[int, Column]:
    columns: dict[int, Column] = {}
    seen: set[str] = set()
    for position, cell in enumerate(row):
        column = match_header(cell) if isinstance(cell, str) else None
        if column is not None and column.key not in seen:
            columns[position] = column
            seen.add(column.key)
    return columns


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
_CELL_REF = re.compile(r"^([A-Z]+)(\d+)$")


def uncached_formulas(data: bytes, sheet_name: str) -> set[tuple[int, int]]:
    """Cells of the sheet holding a formula whose result the file does not store (a workbook written by a program
    and never opened in Excel): calamine reads them as empty, which would import a blank silently."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            path = _sheet_path(archive, sheet_name)
            if path is None or not _has_formula(archive, path):
                return set()
            found = set()
            with archive.open(path) as handle:
                for _, element in iterparse(handle):
                    if element.tag == f"{_MAIN}row":
                        element.clear()
                    if element.tag != f"{_MAIN}c":
                        continue
                    formula, value = element.find(f"{_MAIN}f"), element.find(f"{_MAIN}v")
                    if formula is not None and (value is None or not (value.text or "").strip()):
                        match = _CELL_REF.match(element.get("r", ""))
                        if match:
                            found.add((int(match.group(2)), _column_index(match.group(1))))
                    element.clear()
            return found
    except (zipfile.BadZipFile, KeyError, ParseError, OSError, ValueError):
        return set()  # calamine read the file; a part we cannot follow here only loses this check


def _sheet_path(archive: zipfile.ZipFile, sheet_name: str) -> str | None:
    workbook = fromstring(archive.read("xl/workbook.xml"))
    rel_id = next(
        (sheet.get(f"{_REL}id") for sheet in workbook.iter(f"{_MAIN}sheet") if sheet.get("name") == sheet_name), None
    )
    rels = fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    for rel in rels.iter(f"{_PACKAGE_REL}Relationship"):
        if rel.get("Id") == rel_id:
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
    return None


def _has_formula(archive: zipfile.ZipFile, path: str) -> bool:
    """A quick look for a formula element, so the common file without formulas is not parsed again."""
    tail = b""
    with archive.open(path) as handle:
        while chunk := handle.read(1 << 20):
            if _FORMULA_TAG.search(tail + chunk):
                return True
            tail = chunk[-16:]
    return False


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1
