import pytest

from common.text import search_key, search_terms


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Krông Pắc", "krong pac"),
        ("ĐẮK LẮK", "dak lak"),
        ("Đà", "da"),
        ("đoàn", "doan"),
        ("  Nguyễn   Văn  An ", "nguyen van an"),
        # Decomposed input (as some keyboards and macOS file names send it) folds the same as composed.
        ("Ea Phe\u0302", "ea phe"),
        ("M'Đrắk", "m'drak"),
        ("", ""),
        (None, ""),
    ],
)
def test_search_key_folds_case_and_diacritics(raw, folded):
    assert search_key(raw) == folded


def test_search_terms_splits_words():
    assert search_terms(" Krông  PẮC ") == ["krong", "pac"]
    assert search_terms("   ") == []
