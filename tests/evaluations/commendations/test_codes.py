"""Verification codes: printed in groups of four, read back the way Crockford's base 32 intends."""

import pytest

from common.documents import CODE_ALPHABET, format_code, new_verification_code, parse_code


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("7K29-QXAB-CDEF", "7K29QXABCDEF"),
        ("7k29qxabcdef", "7K29QXABCDEF"),
        (" 7K29 QXAB\tCDEF ", "7K29QXABCDEF"),
        ("O1AB-CDo0-EFGH", "01ABCD00EFGH"),  # O read as 0
        ("I1AB-CDl1-EFGL", "11ABCD11EFG1"),  # I and L read as 1
        ("7K29-QXAB-CDE", None),  # too short
        ("7K29-QXAB-CDEFG", None),  # too long
        ("7K29-QXAB-CDEU", None),  # U is no symbol of the alphabet
        ("7K29-QXAB-CDĐF", None),
        ("", None),
    ],
)
def test_a_typed_code_is_read_as_crockford_intends(typed, code):
    assert parse_code(typed) == code


def test_every_new_code_reads_back_from_its_printed_form():
    for _ in range(50):
        code = new_verification_code()
        assert set(code) <= set(CODE_ALPHABET)
        assert parse_code(format_code(code)) == parse_code(format_code(code).lower()) == code
