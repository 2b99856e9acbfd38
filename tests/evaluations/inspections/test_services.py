"""Inspection services: who records and edits, dates within the period, findings, archive, follow-up, files."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from branches.models import Unit
from evaluations.inspections import services
from evaluations.inspections.services import InspectionError
from evaluations.models import Inspection, InspectionAttachment, InspectionFinding
from tests.conftest import make_unit, make_user

from ..inspection_helpers import PDF, TODAY, fields, record

D = datetime.date


def _update(inspection, by, findings=None, **overrides):
    return services.update_inspection(
        inspection=inspection,
        by=by,
        findings=findings or {},
        today=TODAY,
        **fields(**overrides),
    )


# --- recording ----------------------------------------------------------------------------------------------


def test_district_officer_records_an_inspection_of_its_unit(world):
    inspection = record(world)
    assert inspection.inspecting_unit == world.units.kp and inspection.inspected_unit == world.units.eaphe
    assert inspection.created_by == world.kp_officer
    findings = {(f.group_number, f.item_code): (f.result, f.note) for f in inspection.findings.all()}
    assert findings == {(1, "1.1"): ("chua_dat", "Chưa cập nhật sổ"), (2, ""): ("dat", "")}
    assert inspection.history.get().history_user == world.kp_officer
    assert InspectionFinding.history.filter(history_user=world.kp_officer).count() == 2


def test_failed_conclusion_is_what_commendation_reads(world):
    assert record(world, conclusion="khong_dat").failed
    assert not record(world, conclusion="dat").failed


def test_province_records_anywhere_in_its_tree(world):
    inspection = record(world, by=world.province, unit=world.units.tanloi, inspecting=world.units.province)
    assert inspection.inspecting_unit == world.units.province


@pytest.mark.parametrize(
    ("who", "inspecting", "message"),
    [
        ("outsider", "kp", "Chỉ cán bộ Huyện đoàn Krông Pắc"),
        ("outsider", "bmt", "không phải đơn vị cấp trên của Đoàn xã Ea Phê"),
        ("secretary", "kp", "Chỉ cán bộ Huyện đoàn Krông Pắc"),
        ("kp_officer", "province", "Chỉ cán bộ Tỉnh đoàn Đắk Lắk"),
    ],
)
def test_only_an_officer_of_a_superior_unit_above_records(world, who, inspecting, message):
    with pytest.raises(InspectionError, match=message):
        record(world, by=getattr(world, who), inspecting=getattr(world.units, inspecting))
    assert not Inspection.objects.exists()


def test_a_unit_that_is_not_grassroots_cannot_be_inspected(world):
    with pytest.raises(InspectionError, match="không phải đoàn cơ sở"):
        record(world, unit=world.units.eaphe_t1)
    with pytest.raises(InspectionError, match="không phải đoàn cơ sở"):
        record(world, by=world.province, unit=world.units.kp, inspecting=world.units.province)
    assert not Inspection.objects.exists()


def test_a_grassroots_unit_cannot_inspect_itself(world):
    with pytest.raises(InspectionError, match="không phải đơn vị cấp trên"):
        record(world, by=world.province, inspecting=world.units.eaphe)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"inspection_date": D(2026, 7, 2)}, "không thuộc 6 tháng đầu năm 2026"),
        ({"half": 2, "inspection_date": D(2026, 6, 30)}, "không thuộc 6 tháng cuối năm 2026"),
        ({"kind": "annual", "year": 2025, "inspection_date": D(2026, 1, 3)}, "không thuộc năm 2025"),
        ({"half": None}, "hãy chọn 6 tháng đầu năm hay 6 tháng cuối năm"),
        ({"kind": "annual", "half": None, "inspection_date": D(2026, 12, 3)}, "chưa tới"),
        ({"follow_up_due": D(2026, 6, 1)}, "Hạn khắc phục 01/06/2026 phải từ ngày kiểm tra 15/06/2026"),
        ({"recommendations": ""}, "Có hạn khắc phục thì hãy ghi kiến nghị"),
        ({"points": "101"}, "Điểm kiểm tra: Điểm không được vượt quá điểm tối đa (100)"),
        ({"points": "abc"}, "Điểm kiểm tra: Điểm phải là một số."),
        ({"conclusion": ""}, "Hãy chọn kết luận"),
    ],
)
def test_bad_dates_and_values_are_refused_and_nothing_is_saved(world, overrides, message):
    with pytest.raises(InspectionError, match=re.escape(message)):
        record(world, **overrides)
    assert not Inspection.objects.exists() and not InspectionFinding.objects.exists()


def test_every_problem_is_reported_at_once(world):
    with pytest.raises(InspectionError) as caught:
        record(world, inspection_date=D(2026, 8, 1), follow_up_due=D(2026, 7, 1), conclusion="")
    assert len(caught.value.problems) == 3


def test_a_half_given_with_a_yearly_inspection_is_dropped(world):
    assert record(world, kind="annual", half=2, inspection_date=D(2026, 11, 1), follow_up_due=None).half is None


def test_points_with_a_comma_are_read(world):
    assert record(world, points="85,5").points == 85.5


@pytest.mark.parametrize(
    ("findings", "message"),
    [
        ({(1, "9.9"): ("dat", "")}, "Tiêu chí 9.9 không có trong bộ tiêu chí"),
        ({(4, ""): ("dat", "")}, "Nhóm 4 không có trong bộ tiêu chí"),
        ({(2, "1.1"): ("dat", "")}, "Tiêu chí 1.1 không có"),
        ({(1, "1.1"): ("tot", "")}, "Tiêu chí 1.1: kết quả không hợp lệ"),
        ({(1, "1.2"): ("", "Ghi chú mà không chọn")}, "Tiêu chí 1.2: hãy chọn đạt, đạt một phần hay chưa đạt"),
    ],
)
def test_findings_must_name_items_of_the_year_and_a_result(world, findings, message):
    with pytest.raises(InspectionError, match=message):
        record(world, findings=findings)
    assert not Inspection.objects.exists()


def test_a_dissolved_unit_is_not_inspected_after_its_dissolution(world):
    Unit.objects.filter(pk=world.units.eaphe.pk).update(valid_to=D(2026, 5, 1))
    world.units.eaphe.refresh_from_db()
    with pytest.raises(InspectionError, match="đã giải thể từ ngày 01/05/2026"):
        record(world)
    assert record(world, inspection_date=D(2026, 4, 20)).pk


def test_a_year_without_criteria_set_is_refused(world):
    with pytest.raises(InspectionError, match="Năm 2010 chưa có bộ tiêu chí"):
        record(world, kind="annual", year=2010, half=None, inspection_date=D(2010, 5, 1))


# --- editing ------------------------------------------------------------------------------------------------


def test_editing_changes_fields_and_findings_with_history(world):
    inspection = record(world)
    _update(
        inspection,
        world.kp_officer,
        findings={(1, "1.1"): ("dat", "Đã cập nhật"), (2, ""): ("", ""), (3, "3.1"): ("dat_mot_phan", "")},
        conclusion="khong_dat",
    )
    inspection.refresh_from_db()
    assert inspection.failed
    findings = {(f.group_number, f.item_code): f.result for f in inspection.findings.all()}
    assert findings == {(1, "1.1"): "dat", (3, "3.1"): "dat_mot_phan"}
    latest = inspection.history.first()
    assert latest.history_user == world.kp_officer and latest.history_change_reason == "Sửa biên bản kiểm tra"
    cleared = InspectionFinding.history.get(group_number=2, history_type="-")
    assert cleared.history_user == world.kp_officer and cleared.result == "dat"


def test_the_province_edits_a_district_record_but_the_district_not_the_provinces(world):
    by_district = record(world)
    _update(by_district, world.province, team="Đoàn của Tỉnh đoàn")
    by_province = record(world, by=world.province, inspecting=world.units.province)
    with pytest.raises(InspectionError, match="Chỉ đơn vị đã kiểm tra"):
        _update(by_province, world.kp_officer)


@pytest.mark.parametrize("who", ["secretary", "outsider", "bmt_secretary"])
def test_others_cannot_edit(world, who):
    inspection = record(world)
    with pytest.raises(InspectionError, match="Chỉ đơn vị đã kiểm tra"):
        _update(inspection, getattr(world, who), team="x")
    inspection.refresh_from_db()
    assert inspection.team.startswith("Nguyễn Văn Hùng")


def test_a_stale_edit_is_refused(world):
    from common.locking import version_token

    inspection = record(world)
    token = version_token(inspection)
    _update(inspection, world.kp_officer, team="Lần 1")
    with pytest.raises(services.StaleInspectionError):
        services.update_inspection(
            inspection=inspection,
            by=world.kp_officer,
            findings={},
            today=TODAY,
            expected_version=token,
            **fields(team="Lần 2"),
        )
    inspection.refresh_from_db()
    assert inspection.team == "Lần 1"


def test_changing_the_year_drops_findings_of_items_the_new_set_lacks(world):
    from criteria.models import LocalItem

    LocalItem.objects.create(
        unit=world.units.kp, period_code="3CD-2023-2027", year=2026, group_number=1, code="ĐP1.1", text="Địa phương"
    )
    inspection = record(world, findings={(1, "ĐP1.1"): ("chua_dat", ""), (1, "1.1"): ("dat", "")})
    _update(inspection, world.kp_officer, year=2025, inspection_date=D(2025, 6, 1), follow_up_due=None)
    assert set(inspection.findings.values_list("item_code", flat=True)) == {"1.1"}
    assert InspectionFinding.history.filter(item_code="ĐP1.1", history_type="-").exists()


# --- archive ------------------------------------------------------------------------------------------------


def test_archive_needs_a_reason_keeps_the_record_and_blocks_edits(world):
    inspection = record(world)
    with pytest.raises(InspectionError, match="Hãy ghi lý do"):
        services.archive_inspection(inspection=inspection, by=world.kp_officer, reason=" ")
    services.archive_inspection(inspection=inspection, by=world.kp_officer, reason="Ghi trùng")
    assert not Inspection.objects.current().exists() and Inspection.objects.count() == 1
    assert inspection.history.first().history_change_reason == "Lưu trữ: Ghi trùng"
    with pytest.raises(InspectionError, match="đã được lưu trữ"):
        _update(inspection, world.kp_officer)
    with pytest.raises(InspectionError, match="đã được lưu trữ"):
        services.archive_inspection(inspection=inspection, by=world.kp_officer, reason="Lần nữa")
    services.restore_inspection(inspection=inspection, by=world.kp_officer)
    assert Inspection.objects.current().count() == 1


def test_only_the_inspecting_side_archives(world):
    inspection = record(world)
    for user in (world.secretary, world.outsider):
        with pytest.raises(InspectionError, match="Chỉ đơn vị đã kiểm tra"):
            services.archive_inspection(inspection=inspection, by=user, reason="x")
    assert Inspection.objects.current().count() == 1


# --- follow-up ----------------------------------------------------------------------------------------------


def test_the_inspected_units_secretary_records_the_follow_up(world):
    inspection = record(world)
    services.record_follow_up(
        inspection=inspection,
        by=world.secretary,
        follow_up="Đã bổ sung sổ",
        follow_up_date=D(2026, 9, 1),
        today=TODAY,
    )
    inspection.refresh_from_db()
    assert inspection.follow_up == "Đã bổ sung sổ" and inspection.follow_up_date == D(2026, 9, 1)
    assert inspection.history.first().history_user == world.secretary


def test_the_inspecting_side_records_the_follow_up_too(world):
    inspection = record(world)
    services.record_follow_up(
        inspection=inspection, by=world.kp_officer, follow_up="Đang làm", follow_up_date=None, today=TODAY
    )
    assert Inspection.objects.get().follow_up == "Đang làm"


@pytest.mark.parametrize(
    ("who", "text", "done", "message"),
    [
        ("secretary", "Xong", D(2026, 6, 1), "phải từ ngày kiểm tra 15/06/2026"),
        ("secretary", "Xong", D(2026, 12, 5), "chưa tới"),
        ("secretary", " ", None, "Hãy ghi kết quả khắc phục"),
        ("outsider", "Xong", None, "Chỉ đơn vị được kiểm tra hoặc đơn vị đã kiểm tra"),
        ("bmt_secretary", "Xong", None, "Chỉ đơn vị được kiểm tra hoặc đơn vị đã kiểm tra"),
    ],
)
def test_follow_up_rules(world, who, text, done, message):
    inspection = record(world)
    with pytest.raises(InspectionError, match=message):
        services.record_follow_up(
            inspection=inspection, by=getattr(world, who), follow_up=text, follow_up_date=done, today=TODAY
        )
    assert Inspection.objects.get().follow_up == ""


def test_no_follow_up_without_recommendations_or_on_an_archived_record(world):
    plain = record(world, recommendations="", follow_up_due=None)
    with pytest.raises(InspectionError, match="không có kiến nghị"):
        services.record_follow_up(inspection=plain, by=world.secretary, follow_up="x", follow_up_date=None, today=TODAY)
    archived = record(world)
    services.archive_inspection(inspection=archived, by=world.kp_officer, reason="Nhầm")
    with pytest.raises(InspectionError, match="đã được lưu trữ"):
        services.record_follow_up(
            inspection=archived, by=world.secretary, follow_up="x", follow_up_date=None, today=TODAY
        )


# --- files --------------------------------------------------------------------------------------------------


def _pdf(name="bien-ban.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_files_are_checked_by_content_and_removed_ones_kept(world):
    inspection = record(world)
    attachment = services.add_inspection_attachment(inspection=inspection, by=world.kp_officer, uploaded=_pdf())
    assert attachment.content_type == "application/pdf" and attachment.file.name.startswith("kiem-tra/2026/")
    with pytest.raises(services.EvaluationError, match="không phải PDF"):
        services.add_inspection_attachment(
            inspection=inspection, by=world.kp_officer, uploaded=_pdf("gia.pdf", b"MZ not a pdf at all")
        )
    services.remove_inspection_attachment(attachment=attachment, by=world.kp_officer)
    assert InspectionAttachment.objects.count() == 1 and not InspectionAttachment.objects.current().exists()
    with pytest.raises(InspectionError, match="Tệp đã được gỡ"):
        services.remove_inspection_attachment(attachment=attachment, by=world.kp_officer)


def test_who_may_attach(world):
    inspection = record(world)
    services.add_inspection_attachment(inspection=inspection, by=world.secretary, uploaded=_pdf("khac-phuc.pdf"))
    for user in (world.outsider, world.bmt_secretary):
        with pytest.raises(InspectionError, match="không có quyền"):
            services.add_inspection_attachment(inspection=inspection, by=user, uploaded=_pdf())
    plain = record(world, recommendations="", follow_up_due=None)
    with pytest.raises(InspectionError, match="không có quyền"):
        services.add_inspection_attachment(inspection=plain, by=world.secretary, uploaded=_pdf())


# --- findings beside the self-assessment --------------------------------------------------------------------


def test_findings_by_item_newest_first_without_archived_or_other_years(world):
    record(world, findings={(1, "1.1"): ("chua_dat", "Chưa cập nhật sổ"), (2, ""): ("dat_mot_phan", "")})
    record(
        world,
        kind="annual",
        half=None,
        inspection_date=D(2026, 11, 20),
        follow_up_due=None,
        findings={(1, "1.1"): ("dat", "")},
    )
    record(world, year=2025, inspection_date=D(2025, 6, 1), follow_up_due=None, findings={(1, "1.1"): ("dat", "")})
    archived = record(world, inspection_date=D(2026, 6, 20), findings={(1, "1.1"): ("dat", "nhầm")})
    services.archive_inspection(inspection=archived, by=world.kp_officer, reason="Nhầm")
    record(world, unit=world.units.eakenh, findings={(1, "1.1"): ("dat", "")})

    found = services.findings_by_item(world.units.eaphe, 2026)
    assert [str(f) for f in found["1.1"]] == [
        "Kiểm tra năm 20/11/2026: đạt",
        "Kiểm tra 6 tháng đầu năm 15/06/2026: chưa đạt – Chưa cập nhật sổ",
    ]
    assert [str(f) for f in found[services.group_key(2)]] == ["Kiểm tra 6 tháng đầu năm 15/06/2026: đạt một phần"]
    assert set(found) == {"1.1", "nhom-2"}


def test_findings_by_item_is_one_query(world, django_assert_num_queries):
    record(world)
    with django_assert_num_queries(1):
        services.findings_by_item(world.units.eaphe, 2026)


def test_a_second_province_committee_member_of_another_tree_cannot_record(world):
    from branches.models import Role, UnitType

    other = make_unit(None, "PY", "Tỉnh đoàn Phú Yên", UnitType.PROVINCE)
    user = make_user("tinhdoan.phuyen", other, Role.PROVINCE_COMMITTEE)
    with pytest.raises(InspectionError, match="Chỉ cán bộ Tỉnh đoàn Đắk Lắk"):
        record(world, by=user, inspecting=world.units.province)
