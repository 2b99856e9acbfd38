"""common.downloads: Excel and PDF answers, a stored file served as a private download (404 when the file is gone),
and the rule that no other module writes a Content-Disposition header."""

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models.fields.files import FieldFile
from django.http import Http404

from common.downloads import inline_pdf, pdf_attachment, stored_file_response, xlsx_attachment
from evaluations.models import InspectionAttachment

ROOT = Path(__file__).resolve().parents[2]
APPS = ("branches", "members", "criteria", "evaluations", "common", "config")
THE_ONE_WAY = Path("common/downloads.py")
# What builds a Content-Disposition header: writing it, or asking a FileResponse to.
DISPOSITION_MARKS = ("content-disposition", "as_attachment")


def _field_file(name):
    return FieldFile(InspectionAttachment(), InspectionAttachment._meta.get_field("file"), name)


def test_a_stored_file_is_a_private_attachment():
    name = default_storage.save("kiem-tra/test/x.pdf", ContentFile(b"%PDF-1.4 test"))
    response = stored_file_response(
        _field_file(name), filename="Biên bản.pdf", content_type="application/pdf", missing="Không còn tệp."
    )
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store, private"
    assert (
        "attachment" in response["Content-Disposition"]
        and "Bi%C3%AAn%20b%E1%BA%A3n.pdf" in response["Content-Disposition"]
    )


@pytest.mark.parametrize("name", ["kiem-tra/khong-co.pdf", ""], ids=["missing", "purged"])
def test_a_missing_file_is_404_with_the_message(name):
    with pytest.raises(Http404, match="Không còn tệp."):
        stored_file_response(
            _field_file(name),
            filename="a.pdf",
            content_type="application/pdf",
            missing="Không còn tệp.",
        )


@pytest.mark.parametrize(
    ("make", "content_type", "disposition"),
    [
        (xlsx_attachment, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "attachment"),
        (pdf_attachment, "application/pdf", "attachment"),
        (inline_pdf, "application/pdf", "inline"),
    ],
)
def test_content_is_answered_as_a_named_file(make, content_type, disposition):
    response = make(b"bytes", "ket-qua-2025.x")
    assert response.content == b"bytes"
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'{disposition}; filename="ket-qua-2025.x"'


def app_files() -> list[Path]:
    return sorted(
        path.relative_to(ROOT) for app in APPS for path in (ROOT / app).rglob("*.py") if "migrations" not in path.parts
    )


def file_headers_outside_downloads() -> list[str]:
    """`path:line` of every line of app code outside common/downloads.py that builds a Content-Disposition."""
    found = []
    for path in app_files():
        if path == THE_ONE_WAY:
            continue
        for number, line in enumerate((ROOT / path).read_text(encoding="utf-8").splitlines(), start=1):
            if any(mark in line.lower() for mark in DISPOSITION_MARKS):
                found.append(f"{path}:{number}")
    return found


def test_every_file_response_goes_through_common_downloads():
    found = file_headers_outside_downloads()
    assert found == [], "Content-Disposition ngoài common/downloads.py: " + ", ".join(found)


def test_the_scan_covers_the_views_and_sees_the_one_way():
    files = app_files()
    assert Path("evaluations/results/views.py") in files and Path("members/importing/views.py") in files
    source = (ROOT / THE_ONE_WAY).read_text(encoding="utf-8").lower()
    assert all(mark in source for mark in DISPOSITION_MARKS)
