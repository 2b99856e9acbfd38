"""Storing an uploaded file when the disk may be full: what was written is removed, the cause is logged at ERROR,
and the system administrators (ADMINS) get one clear mail, not one per failed upload while the disk stays full."""

import datetime
import logging

from django.core.cache import cache
from django.core.mail import mail_admins

logger = logging.getLogger(__name__)

# Failures within this time after a mail are only logged: a full disk refuses every upload until someone frees space.
MAIL_AT_MOST_EVERY = datetime.timedelta(hours=1)
_MAILED_KEY = "common.storing:mailed"


class StoreError(Exception):
    """The storage could not take the file (full disk, write error); nothing of it is left."""


def save_or_report(field_file, file_name: str, content) -> str:
    """Save `content` where `field_file` (a FieldFile) keeps its files and return the stored name.

    On an OSError, remove the part written, log it, tell the administrators and raise StoreError.
    """
    storage = field_file.storage
    max_length = field_file.field.max_length
    name = storage.get_available_name(
        field_file.field.generate_filename(field_file.instance, file_name), max_length=max_length
    )
    try:
        return storage.save(name, content, max_length=max_length)
    except OSError as error:
        _remove(storage, name)
        logger.error("Storing the upload %s failed: %s", name, error, exc_info=True)
        _tell_administrators(name, error)
        raise StoreError(str(error)) from error


def _remove(storage, name: str) -> None:
    try:
        if storage.exists(name):
            storage.delete(name)
    except OSError:
        logger.exception("Could not remove the partly stored upload %s", name)


def _tell_administrators(name: str, error: OSError) -> None:
    hours = int(MAIL_AT_MOST_EVERY.total_seconds() // 3600)
    if not cache.add(_MAILED_KEY, True, timeout=MAIL_AT_MOST_EVERY.total_seconds()):
        return
    mail_admins(
        "Không lưu được tệp tải lên (ổ đĩa đầy hoặc lỗi ghi)",
        f"Lưu tệp {name} thất bại: {error}.\n\n"
        "Người dùng đã được báo và phần tệp ghi dở đã được xóa. Hãy kiểm tra dung lượng ổ đĩa của MEDIA_ROOT.\n"
        f"Các lần lỗi tiếp theo trong {hours} giờ tới chỉ được ghi vào nhật ký (mức ERROR), không gửi thư nữa.",
        fail_silently=True,
    )
