"""Vietnamese text helpers shared by every app: search keys and sort keys."""

import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "d"})


def search_key(text: str | None) -> str:
    """Return `text` folded for searching: NFC, lower case, no diacritics, đ → d, single spaces.

    "Krông Pắc" → "krong pac", "ĐẮK LẮK" → "dak lak". The same function builds the stored column
    and the query, so SQLite and PostgreSQL compare the same plain ASCII-like strings.
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).translate(_D_MAP).lower()
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.split())


def search_terms(query: str | None) -> list[str]:
    """Split a user's query into folded words; every word must match (order does not matter)."""
    return [word for word in search_key(query).split(" ") if word]
