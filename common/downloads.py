"""Serving a stored file through a view that has already checked the user may read it (never a public media URL)."""

from django.http import FileResponse, Http404


def stored_file_response(stored, *, filename: str, content_type: str, missing: str) -> FileResponse:
    """A download of `stored` (a FieldFile) named `filename`, never cached; 404 with `missing` when the file is gone."""
    try:
        handle = stored.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404(missing) from None
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["Cache-Control"] = "no-store, private"
    return response
