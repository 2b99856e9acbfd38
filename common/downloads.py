"""File downloads: one way for every view to hand back an Excel file or a PDF."""

from django.http import HttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    """`content` offered as a file named `filename` (ASCII: build it from codes, not from names)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_attachment(content: bytes, filename: str) -> HttpResponse:
    return attachment(content, XLSX, filename)
