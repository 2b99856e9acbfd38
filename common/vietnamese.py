"""Vietnamese names: splitting a full name and the collation key that sorts names the Vietnamese way.

Order (as in Vietnamese dictionaries and member rolls): given name, then middle name, then family name;
letters in the order a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y (f j w z, seen in foreign
and minority names, slotted in their Latin places); words compared letter by letter first, tones only to
break ties, in the order ngang, huyền, hỏi, ngã, sắc, nặng. The letters of Ê Đê, Mnông and other minority
names (ĕ ĭ ŏ ŭ with a breve, ñ) each sort right after their base letter: u < ŭ < ư, n < ñ < o.

The key uses only the characters 0-9 and a-z, so it sorts the same under SQLite's binary collation and the
usual PostgreSQL collations: one character per letter ("z" after the base letter's character for a minority
letter, which sorts it after every word that goes on with the base letter), "1" between words, "0" after each
name part (both sort before every letter, so "An" comes before "Anh"), then one digit per syllable for its tone.
"""

import unicodedata

ALPHABET = list("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")
_KEY_CHARS = "23456789abcdefghijklmnopqrstuvwxy"
assert len(ALPHABET) == len(_KEY_CHARS)
_LETTER_CODES = dict(zip(ALPHABET, _KEY_CHARS, strict=True))
# Minority-language letters: the base letter's code and then "z", a character no other letter code uses.
MINORITY_LETTERS = {"ĕ": "e", "ĭ": "i", "ŏ": "o", "ŭ": "u", "ñ": "n"}
_LETTER_CODES.update({letter: _LETTER_CODES[base] + "z" for letter, base in MINORITY_LETTERS.items()})

PART_SEPARATOR = "0"
WORD_SEPARATOR = "1"
KEY_MAX_LENGTH = 300

# Combining marks: those that make a different letter (ă â ê ô ơ ư) and those that mark the tone.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
# A tilde on n is the letter ñ, not the ngã tone (Vietnamese tones sit on vowels only).
_TILDE = "\u0303"
_TONE_MARKS = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}


def split_name(full_name: str) -> tuple[str, str, str]:
    """(family, middle, given) of a Vietnamese full name: first word, the words between, last word."""
    words = normalise_name(full_name).split(" ")
    if not words or words == [""]:
        return "", "", ""
    if len(words) == 1:
        return "", "", words[0]
    return words[0], " ".join(words[1:-1]), words[-1]


def normalise_name(text: str | None) -> str:
    """NFC and single spaces: the form in which names are stored."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def _letters_and_tone(word: str) -> tuple[str, str]:
    """The primary letter codes of one word and its tone digit (0 when it has none)."""
    codes: list[str] = []
    tone = "0"
    for char in unicodedata.normalize("NFD", word.lower()):
        if char == _TILDE and codes and codes[-1] == "n":
            codes[-1] = "ñ"
        elif char in _TONE_MARKS:
            tone = _TONE_MARKS[char]
        elif char in _LETTER_MARKS and codes:
            # Re-compose the base letter with its letter mark: a + ̆ → ă.
            base = codes.pop()
            codes.append(unicodedata.normalize("NFC", base + char))
        elif char.isalpha():
            codes.append(char)
    return "".join(_LETTER_CODES.get(c, "") for c in codes), tone


def collation_key(text: str | None) -> str:
    """A key whose plain (byte) order is the Vietnamese order of full names; "" for an empty name."""
    family, middle, given = split_name(text or "")
    primary: list[str] = []
    tones: list[str] = []
    if not given:
        return ""
    for part in (given, middle, family):
        words = part.split(" ") if part else []
        for word in words:
            letters, tone = _letters_and_tone(word)
            primary.append(letters)
            tones.append(tone)
        primary.append(PART_SEPARATOR)
        primary[-1 - len(words) : -1] = [WORD_SEPARATOR.join(primary[-1 - len(words) : -1])]
    return ("".join(primary) + "".join(tones))[:KEY_MAX_LENGTH]


def phrase_key(text: str | None) -> str:
    """A key whose plain (byte) order is the Vietnamese dictionary order of a phrase read from its first word, as
    unit names are sorted ("Đoàn Khối các cơ quan" < "Đoàn Khối Doanh nghiệp" < "Huyện đoàn Lắk")."""
    words = normalise_name(text).split(" ") if normalise_name(text) else []
    if not words:
        return ""
    letters, tones = zip(*(_letters_and_tone(word) for word in words), strict=True)
    return (WORD_SEPARATOR.join(letters) + PART_SEPARATOR + "".join(tones))[:KEY_MAX_LENGTH]


def letter_key(word: str) -> str:
    """The primary codes of one word: a prefix of the keys of names whose given name starts with it."""
    return _letters_and_tone(word)[0]
