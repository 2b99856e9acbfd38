"""Reading PDFs in tests with poppler-utils (pdftotext, pdffonts), which .ci/run installs.

A missing tool skips the test on a developer's machine but fails it in CI (CI=true), like the browser tests: a
skipped PDF test in CI would hide a broken document.
"""

import os
import shutil
import subprocess

import pytest


def poppler(tool: str) -> str:
    """The path of a poppler-utils tool; skip (or, in CI, fail) the test when it is not installed."""
    path = shutil.which(tool)
    if path is None:
        message = f"{tool} không có: cài poppler-utils (`apt-get install poppler-utils`)."
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return path


def pdf_text(pdf: bytes, *, layout: bool = False) -> str:
    """The text of every page, as pdftotext reads it: in the order a person reads it in, or with `layout` as it is
    laid out on the page (a table's row on one line)."""
    assert pdf.startswith(b"%PDF"), pdf[:20]
    options = ["-layout"] if layout else []
    command = [poppler("pdftotext"), *options, "-", "-"]
    return subprocess.run(command, input=pdf, capture_output=True, check=True).stdout.decode()


def pdf_fonts(pdf: bytes, tmp_path) -> list[str]:
    """pdffonts' rows (one per font), without its two header lines."""
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    result = subprocess.run([poppler("pdffonts"), str(path)], capture_output=True, text=True, check=True)
    return result.stdout.splitlines()[2:]
