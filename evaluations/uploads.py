"""Evidence uploads: the type is read from the file's content (not its name), and sizes are limited."""

import os

import filetype
from django.conf import settings

from common.storing import StoreError, save_or_report

from .errors import EvaluationError

# Detected type → the name endings it may carry. Office files older than 2007 (.doc, .xls) are OLE containers.
ALLOWED = {
    "application/pdf": {".pdf"},
    "image/jpeg": {".jpg", ".jpeg"},
    "image/png": {".png"},
    "image/webp": {".webp"},
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {".docx"},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {".xlsx"},
    "application/msword": {".doc"},
    "application/vnd.ms-excel": {".xls"},
    "application/x-ole-storage": {".doc", ".xls"},
}
ACCEPT = ",".join(sorted({ending for endings in ALLOWED.values() for ending in endings}))


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def check_upload(uploaded, *, used_bytes: int = 0) -> str:
    """The content type of an acceptable evidence file; raises EvaluationError with the reason otherwise."""
    per_file = settings.EVIDENCE_MAX_FILE_BYTES
    per_sheet = settings.EVIDENCE_MAX_SHEET_BYTES
    name = uploaded.name or ""
    if not uploaded.size:
        raise EvaluationError(f"Tệp “{name}” rỗng.")
    if uploaded.size > per_file:
        raise EvaluationError(f"Tệp “{name}” lớn hơn {_mb(per_file)}; hãy nén hoặc chia nhỏ.")
    if used_bytes + uploaded.size > per_sheet:
        raise EvaluationError(
            f"Tổng dung lượng minh chứng của một phiếu không quá {_mb(per_sheet)}; đã dùng {_mb(used_bytes)}."
        )
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    kind = filetype.guess(head)
    mime = kind.mime if kind else ""
    ending = os.path.splitext(name)[1].lower()
    if mime not in ALLOWED:
        raise EvaluationError(
            f"Tệp “{name}” không phải PDF, ảnh (JPG, PNG), Word hay Excel; chỉ nhận các loại tệp này."
        )
    if ending not in ALLOWED[mime]:
        raise EvaluationError(f"Nội dung tệp “{name}” không đúng với đuôi {ending or '(không có đuôi)'} của tên tệp.")
    return mime


class UploadStoreError(EvaluationError):
    """The server could not store the file (full disk, write error); nothing of it was kept."""


def store_upload(record, uploaded, *, used_bytes: int, by, reason: str):
    """Check `uploaded` and save it as `record`'s file (an evidence or inspection attachment, not yet saved).

    A file the storage cannot take (full disk) leaves nothing behind and is refused with UploadStoreError; the stored
    file is removed again if the row cannot be saved, so no orphan file holds personal data.
    """
    record.content_type = check_upload(uploaded, used_bytes=used_bytes)
    record.original_name = uploaded.name[:255]
    record.size = uploaded.size
    record.uploaded_by = by
    try:
        record.file.name = save_or_report(record.file, uploaded.name, uploaded)
    except StoreError:
        raise UploadStoreError(
            f"Máy chủ không lưu được tệp “{record.original_name}” (ổ đĩa đầy hoặc lỗi ghi); tệp chưa được thêm. "
            "Hãy thử lại sau; quản trị hệ thống đã được báo."
        ) from None
    record._change_reason = reason
    record._history_user = by
    try:
        record.save()
    except Exception:
        record.file.delete(save=False)
        raise
    return record
