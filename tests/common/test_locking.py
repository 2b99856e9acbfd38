"""common.locking: the version token of a record, the check that refuses a stale save with the caller's error, the
refusal of a form posted without its token, and the resubmission that carries the current token."""

import datetime
from types import SimpleNamespace

import pytest
from django import forms
from django.http import QueryDict

from common.locking import MISSING_VERSION, check_fresh, require_version, version_token, with_version

SAVED = datetime.datetime(2025, 3, 1, 8, 30, 15, 123456, tzinfo=datetime.UTC)
LATER = SAVED + datetime.timedelta(microseconds=1)


class StaleThing(Exception):
    def __init__(self, message, current=None):
        super().__init__(message)
        self.current = current


def _record(updated_at=SAVED):
    return SimpleNamespace(updated_at=updated_at)


def test_the_token_is_updated_at_exactly_and_blank_before_the_first_save():
    assert version_token(_record()) == "2025-03-01T08:30:15.123456+00:00"
    assert version_token(_record(None)) == ""


def test_a_fresh_token_or_no_token_passes():
    record = _record()
    check_fresh(record, version_token(record), StaleThing, "x")
    check_fresh(record, None, StaleThing, "x")


def test_a_stale_token_raises_the_callers_error_with_its_message_and_details():
    record = _record()
    stale = version_token(record)
    record.updated_at = LATER  # someone saved it meanwhile, a microsecond later
    with pytest.raises(StaleThing, match="vừa được người khác lưu") as caught:
        check_fresh(record, stale, StaleThing, "Bản đăng ký vừa được người khác lưu.", current=record)
    assert caught.value.current is record


def test_a_blank_token_is_stale_for_a_saved_record():
    with pytest.raises(StaleThing):
        check_fresh(_record(), "", StaleThing, "x")


class _Form(forms.Form):
    version = forms.CharField(required=False)


@pytest.mark.parametrize(("data", "allow_blank"), [({}, False), ({"version": ""}, False), ({}, True)])
def test_a_form_posted_without_its_version_is_refused(data, allow_blank):
    with pytest.raises(forms.ValidationError) as caught:
        require_version(_Form(data), allow_blank=allow_blank)
    assert caught.value.messages == [MISSING_VERSION]


def test_a_form_with_a_version_or_without_the_field_passes():
    require_version(_Form({"version": "t"}))
    require_version(_Form({"version": ""}), allow_blank=True)
    form = _Form({})
    del form.fields["version"]  # a create form has no version
    require_version(form)


def test_the_resubmission_keeps_the_input_and_carries_the_current_token():
    posted = QueryDict("name=Mới&version=old")
    data = with_version(posted, _record(LATER))
    assert data["name"] == "Mới" and data["version"] == version_token(_record(LATER))
    assert posted["version"] == "old"  # the request's own data is left as it came
