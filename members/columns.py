"""The columns of the member workbook (template, import and export), with the header variants offices use."""

import re
from dataclasses import dataclass

from common.text import search_key


@dataclass(frozen=True)
class Column:
    key: str  # the Member field (or "stt"/"unit_code") the column feeds
    header: str  # the header written in the template and the export
    variants: tuple[str, ...] = ()  # other headers offices write for the same column
    required: bool = False  # the column must be present in an imported file


COLUMNS: tuple[Column, ...] = (
    Column("stt", "STT", ("TT", "Số TT", "Số thứ tự")),
    Column("full_name", "Họ và tên", ("Họ tên", "Họ, tên", "Họ và tên đoàn viên", "Tên đoàn viên"), required=True),
    Column("birth_date", "Ngày sinh", ("Ngày tháng năm sinh", "Ngày, tháng, năm sinh", "Sinh ngày"), required=True),
    Column("gender", "Giới tính", ("Nam/Nữ", "Nam, Nữ", "Nam hay nữ", "Giới"), required=True),
    Column("ethnicity", "Dân tộc", ()),
    Column("religion", "Tôn giáo", ()),
    Column(
        "id_number",
        "Số CCCD",
        ("CCCD", "Số căn cước", "Số căn cước công dân", "CMND/CCCD", "Số CMND/CCCD", "Số định danh cá nhân"),
    ),
    Column("card_number", "Số thẻ đoàn viên", ("Số thẻ", "Số thẻ ĐV", "Số thẻ Đoàn", "Thẻ đoàn viên")),
    Column("joined_date", "Ngày vào Đoàn", ("Ngày kết nạp", "Ngày kết nạp Đoàn", "Ngày kết nạp vào Đoàn")),
    Column("joined_place", "Nơi vào Đoàn", ("Nơi kết nạp", "Nơi kết nạp Đoàn")),
    Column("unit_code", "Chi đoàn", ("Mã chi đoàn", "Chi đoàn (mã)", "Mã đơn vị", "Đơn vị")),
    Column("education", "Trình độ", ("Trình độ học vấn", "Học vấn", "Trình độ văn hóa", "Trình độ chuyên môn")),
    Column("occupation", "Nghề nghiệp", ("Nghề nghiệp, chức vụ", "Công việc", "Việc làm")),
    Column("phone", "Điện thoại", ("Số điện thoại", "SĐT", "ĐT", "Điện thoại liên hệ")),
    Column("residence", "Nơi cư trú", ("Nơi ở", "Nơi ở hiện nay", "Chỗ ở hiện nay", "Địa chỉ", "Nơi thường trú")),
    Column("is_party_member", "Đảng viên (Có/Không)", ("Đảng viên", "Là đảng viên", "Đảng viên (có/không)")),
    Column("party_joined_date", "Ngày vào Đảng", ("Ngày kết nạp Đảng", "Ngày vào Đảng CSVN")),
    Column("status", "Trạng thái", ("Tình trạng", "Tình trạng sinh hoạt", "Trạng thái sinh hoạt")),
)

HEADERS: tuple[str, ...] = tuple(column.header for column in COLUMNS)
BY_KEY: dict[str, Column] = {column.key: column for column in COLUMNS}

_NON_WORD = re.compile(r"[^0-9a-z]+")


def header_key(text) -> str:
    """A header folded for matching: no case, no diacritics, punctuation and spacing ignored."""
    return " ".join(_NON_WORD.split(search_key(str(text or "")))).strip()


_HEADER_LOOKUP: dict[str, Column] = {}
for _column in COLUMNS:
    for _name in (_column.header, *_column.variants):
        _HEADER_LOOKUP[header_key(_name)] = _column


def match_header(text) -> Column | None:
    """The column a header cell names, whatever its case, diacritics or punctuation."""
    return _HEADER_LOOKUP.get(header_key(text))


def required_headers() -> list[str]:
    return [column.header for column in COLUMNS if column.required]
