"""Open an uploaded workbook safely and find its member table below any title lines."""

import io
import zipfile
from dataclasses import dataclass, field

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
        return _find_table(name, _calamine(lambda sheet=sheet: sheet.to_python(skip_empty_area=False)))
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
