"""Optimistic locking, the one way every edit form guards against a concurrent save.

The form carries the record's version token from when it was opened (`version_token`), refuses to post without it
(`require_version`), and the service refuses a save over a record changed since (`check_fresh`, with the app's own
error). The refused form is shown again with the user's input and the current token (`with_version`), so saving
once more overwrites knowingly.
"""

from django import forms

MISSING_VERSION = (
    "Biểu mẫu gửi lên thiếu dấu phiên bản của hồ sơ nên không được lưu (để không ghi đè thay đổi của người khác). "
    "Hãy mở lại trang sửa và nhập lại."
)


def version_token(record) -> str:
    """What an edit form carries to detect a concurrent save: the record's updated_at, exactly."""
    return record.updated_at.isoformat() if record.updated_at else ""


def is_stale(record, token: str | None) -> bool:
    """Whether `record` changed after the form carrying `token` was opened.

    A token of None means the caller asked for no check (a save that overwrites knowingly, or no form at all)."""
    return token is not None and token != version_token(record)


def check_fresh(record, token: str | None, error: type[Exception], *args, **kwargs) -> None:
    """Raise `error(*args, **kwargs)` when `record` is stale for `token` (see `is_stale`)."""
    if is_stale(record, token):
        raise error(*args, **kwargs)


def require_version(form, *, allow_blank: bool = False) -> None:
    """Refuse an edit posted without its version field (it would overwrite whatever was saved meanwhile)."""
    if "version" not in form.fields:
        return
    value = form.data.get(form.add_prefix("version"))
    if value is None or (not value and not allow_blank):
        raise forms.ValidationError(MISSING_VERSION)


def with_version(data, record):
    """The user's posted input with `record`'s current version, so saving again overwrites knowingly."""
    data = data.copy()
    data["version"] = version_token(record)
    return data
