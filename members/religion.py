"""The religions recognised in Vietnam (Ban Tôn giáo Chính phủ: 16 religions) and "Không".

`normalise_religion` maps what offices type ("tin lanh", "Đạo Tin Lành", "TL", "Thiên Chúa giáo", "không",
"-") onto the recognised names; no religion is stored as "" and shown as "Không".
"""

from common.text import search_key

NO_RELIGION_LABEL = "Không"

RELIGION_NAMES = [
    "Phật giáo",
    "Công giáo",
    "Tin Lành",
    "Cao Đài",
    "Phật giáo Hòa Hảo",
    "Hồi giáo",
    "Baha'i",
    "Tịnh độ Cư sĩ Phật hội Việt Nam",
    "Cơ đốc Phục lâm",
    "Phật giáo Tứ Ân Hiếu Nghĩa",
    "Bửu Sơn Kỳ Hương",
    "Minh Sư Đạo",
    "Minh Lý Đạo – Tam Tông Miếu",
    "Mặc Môn",
    "Bà-la-môn giáo",
    "Phật đường Nam Tông Minh Sư Đạo",
]

ALTERNATE_SPELLINGS = {
    "Đạo Phật": "Phật giáo",
    "Phật": "Phật giáo",
    "Đạo Phật giáo": "Phật giáo",
    "Thiên Chúa giáo": "Công giáo",
    "Thiên Chúa": "Công giáo",
    "Đạo Thiên Chúa": "Công giáo",
    "Đạo Công giáo": "Công giáo",
    "Công giáo La Mã": "Công giáo",
    "Đạo Tin Lành": "Tin Lành",
    "Tin Lanh": "Tin Lành",
    "Đạo Tin lành": "Tin Lành",
    "Tin lành Việt Nam": "Tin Lành",
    "Hội thánh Tin Lành": "Tin Lành",
    "Đạo Cao Đài": "Cao Đài",
    "Cao Đài giáo": "Cao Đài",
    "Hòa Hảo": "Phật giáo Hòa Hảo",
    "Hoà Hảo": "Phật giáo Hòa Hảo",
    "Đạo Hòa Hảo": "Phật giáo Hòa Hảo",
    "Hồi": "Hồi giáo",
    "Islam": "Hồi giáo",
    "Đạo Hồi": "Hồi giáo",
    "Bahai": "Baha'i",
    "Tôn giáo Baha'i": "Baha'i",
    "Cơ đốc Phục lâm Việt Nam": "Cơ đốc Phục lâm",
    "Tứ Ân Hiếu Nghĩa": "Phật giáo Tứ Ân Hiếu Nghĩa",
    "Đạo Bửu Sơn Kỳ Hương": "Bửu Sơn Kỳ Hương",
    "Minh Lý Đạo": "Minh Lý Đạo – Tam Tông Miếu",
    "Bà-la-môn": "Bà-la-môn giáo",
    "Bà La Môn": "Bà-la-môn giáo",
    "Bàlamôn": "Bà-la-môn giáo",
}

NO_RELIGION_SPELLINGS = ["Không", "Không có", "Không theo", "Không theo tôn giáo nào", "Không tôn giáo", "-", "--", "0"]


def _fold(text: str) -> str:
    """Fold for matching: no diacritics or case; hyphens, apostrophes and spaces ignored."""
    return "".join(ch for ch in search_key(text) if ch.isalnum()) or "".join(text.split())


_LOOKUP = {_fold(name): name for name in RELIGION_NAMES}
for _alternate, _official in ALTERNATE_SPELLINGS.items():
    _LOOKUP.setdefault(_fold(_alternate), _official)
for _none in NO_RELIGION_SPELLINGS:
    _LOOKUP.setdefault(_fold(_none), "")


def normalise_religion(text: str | None) -> str | None:
    """The recognised name for `text`, "" for no religion (or nothing typed), None when it is not recognised."""
    if not text or not text.strip():
        return ""
    return _LOOKUP.get(_fold(text))


def normalised_or_kept(text: str | None) -> str:
    """The recognised name when `text` is one, else `text` as it is (for writers that do not validate it)."""
    religion = normalise_religion(text)
    return (text or "") if religion is None else religion


def religion_label(value: str) -> str:
    """How a stored value reads in lists and statistics."""
    return value or NO_RELIGION_LABEL
