"""Every refusal of the inspection services not already pinned elsewhere: the error with its message, and nothing
written — the record and its findings as they were, no history row, no file."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from branches.models import Unit
from common.locking import version_token
from evaluations.errors import EvaluationError
from evaluations.inspections import permissions, services
from evaluations.inspections.services import ARCHIVED_MESSAGE, InspectionError, StaleInspectionError

from ..inspection_helpers import PDF, TODAY, fields, record
from ..refusals import refused

D = datetime.date
ONLY_INSPECTORS = "Chỉ đơn vị đã kiểm tra được sửa biên bản này."


def pdf(name="bien-ban.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def with_findings(inspection):
    return [inspection, *inspection.findings.all()]


def update(inspection, by, findings=None, **overrides):
    return services.update_inspection(
        inspection=inspection,
        by=by,
        findings={(1, "1.1"): ("dat", "Đã cập nhật"), (2, ""): ("", "")} if findings is None else findings,
        today=TODAY,
        **fields(**({"team": "Đoàn mới"} | overrides)),
    )


def archived(world, **overrides):
    inspection = record(world, **overrides)
    services.archive_inspection(inspection=inspection, by=world.kp_officer, reason="Ghi trùng")
    return inspection


def follow_up(inspection, by, text="Đã bổ sung sổ", done=None):
    return services.record_follow_up(inspection=inspection, by=by, follow_up=text, follow_up_date=done, today=TODAY)


# --- recording ----------------------------------------------------------------------------------------------


def test_a_year_without_a_criteria_set_records_nothing(world):
    with refused(InspectionError, "Năm 2010 chưa có bộ tiêu chí nào đã công bố, nên chưa ghi được nội dung kiểm tra."):
        record(world, kind="annual", year=2010, half=None, inspection_date=D(2010, 5, 1), follow_up_due=None)


def test_a_unit_is_not_inspected_on_or_after_the_day_it_was_dissolved(world):
    Unit.objects.filter(pk=world.units.eaphe.pk).update(valid_to=D(2026, 5, 1))
    world.units.eaphe.refresh_from_db()
    for day in (D(2026, 5, 1), D(2026, 5, 2)):
        with refused(InspectionError, "Đoàn xã Ea Phê đã giải thể từ ngày 01/05/2026."):
            record(world, inspection_date=day)
    assert record(world, inspection_date=D(2026, 4, 30)).pk


# --- editing ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["secretary", "outsider", "bmt_secretary"])
def test_only_the_inspecting_side_edits(world, who):
    inspection = record(world)
    with refused(InspectionError, ONLY_INSPECTORS, *with_findings(inspection)):
        update(inspection, getattr(world, who))


def test_the_district_does_not_edit_the_provinces_record(world):
    inspection = record(world, by=world.province, inspecting=world.units.province)
    with refused(InspectionError, ONLY_INSPECTORS, *with_findings(inspection)):
        update(inspection, world.kp_officer)


def test_an_archived_record_is_not_edited(world):
    inspection = archived(world)
    with refused(InspectionError, ARCHIVED_MESSAGE, *with_findings(inspection)):
        update(inspection, world.kp_officer)


def test_a_stale_edit_leaves_the_saved_version(world):
    inspection = record(world)
    token = version_token(inspection)
    update(inspection, world.kp_officer, team="Lần 1")
    message = "Biên bản vừa được người khác lưu. Nội dung bạn nhập vẫn còn; hãy xem lại rồi lưu lần nữa."
    with refused(StaleInspectionError, message, *with_findings(inspection)):
        services.update_inspection(
            inspection=inspection,
            by=world.kp_officer,
            findings={(3, "3.1"): ("dat", "")},
            today=TODAY,
            expected_version=token,
            **fields(team="Lần 2"),
        )


@pytest.mark.parametrize(
    ("overrides", "findings", "message"),
    [
        ({"inspection_date": D(2026, 7, 2)}, None, "Ngày kiểm tra 02/07/2026 không thuộc 6 tháng đầu năm 2026"),
        ({"conclusion": "tot"}, None, "Hãy chọn kết luận: đạt hoặc không đạt."),
        ({"recommendations": " "}, None, "Có hạn khắc phục thì hãy ghi kiến nghị cần khắc phục."),
        ({}, {(1, "9.9"): ("dat", "")}, "Tiêu chí 9.9 không có trong bộ tiêu chí của năm này."),
        (
            {"kind": "annual", "half": None, "year": 2010, "inspection_date": D(2010, 5, 1), "follow_up_due": None},
            None,
            "Năm 2010 chưa có bộ tiêu chí nào đã công bố",
        ),
    ],
)
def test_a_bad_edit_changes_neither_the_record_nor_its_findings(world, overrides, findings, message):
    inspection = record(world)
    with refused(InspectionError, message, *with_findings(inspection)):
        update(inspection, world.kp_officer, findings=findings, **overrides)


def test_an_edit_dated_after_the_dissolution_is_refused(world):
    inspection = record(world)
    Unit.objects.filter(pk=world.units.eaphe.pk).update(valid_to=D(2026, 6, 1))
    with refused(InspectionError, "Đoàn xã Ea Phê đã giải thể từ ngày 01/06/2026.", *with_findings(inspection)):
        update(inspection, world.kp_officer)


# --- follow-up ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["secretary", "kp_officer"])
def test_no_follow_up_on_an_archived_record(world, who):
    inspection = archived(world)
    with refused(InspectionError, ARCHIVED_MESSAGE, inspection):
        follow_up(inspection, getattr(world, who))
    inspection.refresh_from_db()
    assert not permissions.can_follow_up(getattr(world, who), inspection)  # nor is the form offered


def test_no_follow_up_without_recommendations(world):
    inspection = record(world, recommendations="", follow_up_due=None)
    with refused(InspectionError, "Biên bản này không có kiến nghị nào cần khắc phục.", inspection):
        follow_up(inspection, world.secretary)


@pytest.mark.parametrize("who", ["outsider", "bmt_secretary", "norole"])
def test_only_the_two_sides_record_the_follow_up(world, who):
    inspection = record(world)
    follow_up(inspection, world.secretary, text="Đang làm")
    message = "Chỉ đơn vị được kiểm tra hoặc đơn vị đã kiểm tra được ghi kết quả khắc phục."
    with refused(InspectionError, message, inspection):
        follow_up(inspection, getattr(world, who), done=D(2026, 9, 1))


@pytest.mark.parametrize(
    ("text", "done", "message"),
    [
        ("Xong", D(2026, 6, 14), "Ngày khắc phục xong 14/06/2026 phải từ ngày kiểm tra 15/06/2026 trở đi."),
        ("Xong", TODAY + datetime.timedelta(days=1), "Ngày khắc phục xong 03/12/2026 chưa tới."),
        ("  ", None, "Hãy ghi kết quả khắc phục."),
    ],
)
def test_a_bad_follow_up_keeps_the_one_recorded(world, text, done, message):
    inspection = record(world)
    follow_up(inspection, world.secretary, text="Đang làm", done=None)
    with refused(InspectionError, message, inspection):
        follow_up(inspection, world.secretary, text=text, done=done)


# --- archive and restore ------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["secretary", "outsider", "bmt_secretary"])
def test_only_the_inspecting_side_archives_and_restores(world, who):
    user = getattr(world, who)
    inspection = record(world)
    with refused(InspectionError, "Chỉ đơn vị đã kiểm tra được lưu trữ biên bản này.", inspection):
        services.archive_inspection(inspection=inspection, by=user, reason="Ghi trùng")
    services.archive_inspection(inspection=inspection, by=world.kp_officer, reason="Ghi trùng")
    with refused(InspectionError, "Chỉ đơn vị đã kiểm tra được khôi phục biên bản này.", inspection):
        services.restore_inspection(inspection=inspection, by=user)


def test_archiving_needs_a_reason_and_happens_once(world):
    inspection = record(world)
    with refused(InspectionError, "Hãy ghi lý do lưu trữ biên bản.", inspection):
        services.archive_inspection(inspection=inspection, by=world.kp_officer, reason="  ")
    services.archive_inspection(inspection=inspection, by=world.kp_officer, reason="Ghi trùng")
    with refused(InspectionError, "Biên bản đã được lưu trữ.", inspection):
        services.archive_inspection(inspection=inspection, by=world.kp_officer, reason="Lần nữa")


def test_a_record_in_use_is_not_restored(world):
    inspection = record(world)
    with refused(InspectionError, "Biên bản đang được sử dụng, không cần khôi phục.", inspection):
        services.restore_inspection(inspection=inspection, by=world.kp_officer)


# --- files --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["outsider", "bmt_secretary", "norole"])
def test_only_the_two_sides_attach_files(world, who):
    inspection = record(world)
    with refused(InspectionError, "Bạn không có quyền thêm tệp vào biên bản này.", inspection):
        services.add_inspection_attachment(inspection=inspection, by=getattr(world, who), uploaded=pdf())


def test_the_inspected_unit_attaches_nothing_to_a_record_without_recommendations(world):
    inspection = record(world, recommendations="", follow_up_due=None)
    with refused(InspectionError, "Bạn không có quyền thêm tệp vào biên bản này.", inspection):
        services.add_inspection_attachment(inspection=inspection, by=world.secretary, uploaded=pdf())


@pytest.mark.parametrize("who", ["kp_officer", "secretary"])
def test_no_file_is_attached_to_an_archived_record(world, who):
    inspection = archived(world)
    with refused(InspectionError, "Bạn không có quyền thêm tệp vào biên bản này.", inspection):
        services.add_inspection_attachment(inspection=inspection, by=getattr(world, who), uploaded=pdf())


def test_a_file_over_the_per_file_cap_is_refused(world, settings):
    inspection = record(world)
    settings.EVIDENCE_MAX_FILE_BYTES = len(PDF) - 1
    with refused(EvaluationError, "Tệp “lon.pdf” lớn hơn 0 MB; hãy nén hoặc chia nhỏ.", inspection):
        services.add_inspection_attachment(inspection=inspection, by=world.kp_officer, uploaded=pdf("lon.pdf"))


def test_files_over_the_per_record_cap_are_refused_counting_only_this_records_files_in_use(world, settings):
    settings.EVIDENCE_MAX_SHEET_BYTES = 2 * len(PDF)
    inspection = record(world)
    first = services.add_inspection_attachment(inspection=inspection, by=world.kp_officer, uploaded=pdf())
    services.add_inspection_attachment(inspection=inspection, by=world.secretary, uploaded=pdf("khac-phuc.pdf"))
    with refused(EvaluationError, "Tổng dung lượng minh chứng của một phiếu không quá 0 MB; đã dùng 0 MB.", first):
        services.add_inspection_attachment(inspection=inspection, by=world.kp_officer, uploaded=pdf())
    other = record(world, unit=world.units.eakenh)
    services.add_inspection_attachment(inspection=other, by=world.kp_officer, uploaded=pdf())
    services.remove_inspection_attachment(attachment=first, by=world.kp_officer)
    services.add_inspection_attachment(inspection=inspection, by=world.kp_officer, uploaded=pdf())
    assert inspection.attachments.filter(removed_at=None).count() == 2


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("rong.pdf", b"", "Tệp “rong.pdf” rỗng."),
        ("gia.pdf", b"MZ not a pdf at all", "Tệp “gia.pdf” không phải PDF, ảnh (JPG, PNG), Word hay Excel"),
        ("bien-ban.xlsx", PDF, "Nội dung tệp “bien-ban.xlsx” không đúng với đuôi .xlsx của tên tệp."),
    ],
)
def test_an_empty_or_disguised_file_is_refused(world, name, content, message):
    inspection = record(world)
    with refused(EvaluationError, message, inspection):
        services.add_inspection_attachment(inspection=inspection, by=world.kp_officer, uploaded=pdf(name, content))


@pytest.fixture
def attached(world):
    inspection = record(world)
    return services.add_inspection_attachment(inspection=inspection, by=world.kp_officer, uploaded=pdf())


def test_a_removed_file_is_not_removed_again(world, attached):
    services.remove_inspection_attachment(attachment=attached, by=world.kp_officer)
    with refused(InspectionError, "Tệp đã được gỡ.", attached):
        services.remove_inspection_attachment(attachment=attached, by=world.kp_officer)


@pytest.mark.parametrize("who", ["outsider", "bmt_secretary", "norole"])
def test_only_the_two_sides_remove_a_file(world, attached, who):
    with refused(InspectionError, "Bạn không có quyền gỡ tệp của biên bản này.", attached):
        services.remove_inspection_attachment(attachment=attached, by=getattr(world, who))


def test_the_files_of_an_archived_record_stay(world, attached):
    services.archive_inspection(inspection=attached.inspection, by=world.kp_officer, reason="Ghi trùng")
    with refused(InspectionError, "Bạn không có quyền gỡ tệp của biên bản này.", attached):
        services.remove_inspection_attachment(attachment=attached, by=world.kp_officer)
