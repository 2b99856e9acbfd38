"""File downloads: one way for every view to hand back an Excel file or a PDF, or a stored file it has checked the
user may read (never a public media URL)."""

from django.http import FileResponse, Http404, HttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    """`content` offered as a file named `filename` (ASCII: build it from codes, not from names)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_attachment(content: bytes, filename: str) -> HttpResponse:
    return attachment(content, XLSX, filename)


def stored_file_response(stored, *, filename: str, content_type: str, missing: str) -> FileResponse:
    """A download of `stored` (a FieldFile) named `filename`, never cached; 404 with `missing` when the file is gone."""
    try:
        handle = stored.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404(missing) from None
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["Cache-Control"] = "no-store, private"
    return response
