"""common.downloads: a stored file served as a private download, 404 when the file is gone."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models.fields.files import FieldFile
from django.http import Http404

from common.downloads import stored_file_response
from evaluations.models import InspectionAttachment


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


def test_a_missing_file_is_404_with_the_message():
    with pytest.raises(Http404, match="Không còn tệp."):
        stored_file_response(
            _field_file("kiem-tra/khong-co.pdf"),
            filename="a.pdf",
            content_type="application/pdf",
            missing="Không còn tệp.",
        )
