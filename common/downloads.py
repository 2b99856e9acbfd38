"""File downloads: one way for every view to hand back an Excel file or a PDF, or a stored file it has checked the
user may read (never a public media URL). No other module writes a Content-Disposition header
(tests/common/test_downloads.py holds this)."""

from django.http import FileResponse, Http404, HttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"


def _file(content: bytes, content_type: str, filename: str, disposition: str) -> HttpResponse:
    """`content` as a file named `filename` (ASCII: build it from codes, not from names)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def xlsx_attachment(content: bytes, filename: str) -> HttpResponse:
    return _file(content, XLSX, filename, "attachment")


def pdf_attachment(content: bytes, filename: str) -> HttpResponse:
    return _file(content, PDF, filename, "attachment")


def inline_pdf(content: bytes, filename: str) -> HttpResponse:
    """A PDF the browser opens in its viewer (to read or print) and saves as `filename` if the user keeps it."""
    return _file(content, PDF, filename, "inline")


def stored_file_response(stored, *, filename: str, content_type: str, missing: str) -> FileResponse:
    """A download of `stored` (a FieldFile) named `filename`, never cached; 404 with `missing` when the file is gone
    (also when its name was emptied: a purged file)."""
    if not stored:
        raise Http404(missing)
    try:
        handle = stored.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404(missing) from None
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["Cache-Control"] = "no-store, private"
    return response
