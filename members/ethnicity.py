"""The 54 ethnic groups of Vietnam (Danh mục các dân tộc Việt Nam, General Statistics Office, 1979).

The names are the official spellings, in the official order. `normalise_ethnicity` maps what offices
type into spreadsheets (other spellings, no diacritics, other case) onto them.
"""

from common.text import search_key

ETHNIC_GROUP_NAMES = [
    "Kinh",
    "Tày",
    "Thái",
    "Mường",
    "Khơ Me",
    "Hoa",
    "Nùng",
    "Mông",
    "Dao",
    "Gia Rai",
    "Ê Đê",
    "Ba Na",
    "Sán Chay",
    "Chăm",
    "Cơ Ho",
    "Xơ Đăng",
    "Sán Dìu",
    "Hrê",
    "Ra Glai",
    "Mnông",
    "Thổ",
    "Xtiêng",
    "Khơ Mú",
    "Bru - Vân Kiều",
    "Cơ Tu",
    "Giáy",
    "Tà Ôi",
    "Mạ",
    "Giẻ Triêng",
    "Co",
    "Chơ Ro",
    "Xinh Mun",
    "Hà Nhì",
    "Chu Ru",
    "Lào",
    "Kháng",
    "La Chí",
    "Phù Lá",
    "La Hủ",
    "La Ha",
    "Pà Thẻn",
    "Chứt",
    "Lự",
    "Lô Lô",
    "Mảng",
    "Cờ Lao",
    "Bố Y",
    "Cống",
    "Ngái",
    "Si La",
    "Pu Péo",
    "Rơ Măm",
    "Brâu",
    "Ơ Đu",
]

# (value, label) pairs for a CharField's choices: the stored value is the official name itself.
ETHNIC_GROUPS = [(name, name) for name in ETHNIC_GROUP_NAMES]

# Common alternate spellings, written as offices type them.
ALTERNATE_SPELLINGS = {
    "Khmer": "Khơ Me",
    "Khơ-me": "Khơ Me",
    "Khơme": "Khơ Me",
    "H'Mông": "Mông",
    "Hmông": "Mông",
    "H'mông": "Mông",
    "Mèo": "Mông",
    "M'Nông": "Mnông",
    "M'nông": "Mnông",
    "Mơ Nông": "Mnông",
    "Stiêng": "Xtiêng",
    "X'tiêng": "Xtiêng",
    "Khơ-mú": "Khơ Mú",
    "Khơmú": "Khơ Mú",
    "Khmu": "Khơ Mú",
    "Bru-Vân Kiều": "Bru - Vân Kiều",
    "Bru Vân Kiều": "Bru - Vân Kiều",
    "Vân Kiều": "Bru - Vân Kiều",
    "Giẻ-Triêng": "Giẻ Triêng",
    "Ê-đê": "Ê Đê",
    "Êđê": "Ê Đê",
    "Ede": "Ê Đê",
    "Rhade": "Ê Đê",
    "Gia-rai": "Gia Rai",
    "Jrai": "Gia Rai",
    "Jarai": "Gia Rai",
    "Ba-na": "Ba Na",
    "Bahnar": "Ba Na",
    "Cơ-ho": "Cơ Ho",
    "K'ho": "Cơ Ho",
    "Xơ-đăng": "Xơ Đăng",
    "Sê Đăng": "Xơ Đăng",
    "Ra-glai": "Ra Glai",
    "Raglai": "Ra Glai",
    "Chu-ru": "Chu Ru",
    "Churu": "Chu Ru",
    "Kinh (Việt)": "Kinh",
    "Việt": "Kinh",
}


def _fold(text: str) -> str:
    """Fold for matching: no diacritics or case, and hyphens, apostrophes and spaces ignored."""
    return "".join(ch for ch in search_key(text) if ch.isalnum())


_LOOKUP = {_fold(name): name for name in ETHNIC_GROUP_NAMES}
for _alternate, _official in ALTERNATE_SPELLINGS.items():
    _LOOKUP.setdefault(_fold(_alternate), _official)


def normalise_ethnicity(text: str | None) -> str | None:
    """The official name for `text` ("ede", "M'nông", "KINH" …), or None when it is not one of the 54."""
    if not text or not text.strip():
        return None
    return _LOOKUP.get(_fold(text))
