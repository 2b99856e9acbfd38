"""Inspection pages: success, wrong method, outsider 404, read-only 403, side effects, constant query counts."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evaluations.inspections import services
from evaluations.models import Inspection, InspectionAttachment

from ..inspection_helpers import PDF, record

D = datetime.date


def _url(name, *args):
    return reverse(f"evaluations:{name}", args=args)


def _post_data(world, **overrides):
    data = {
        "inspecting_unit": world.units.kp.pk,
        "kind": "six_month",
        "year": "2026",
        "half": "1",
        "inspection_date": "15/06/2026",
        "team": "Nguyễn Văn Hùng",
        "conclusion": "dat",
        "points": "",
        "conclusion_note": "Tốt",
        "recommendations": "Bổ sung sổ",
        "follow_up_due": "30/09/2026",
        "spec_year": "2026",
        "i1.1-result": "chua_dat",
        "i1.1-note": "Chưa cập nhật sổ đoàn viên",
        "g2-result": "dat",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


# --- recording ----------------------------------------------------------------------------------------------


def test_officer_records_an_inspection_from_the_form(world, login):
    client = login(world.kp_officer)
    url = _url("inspection_create", world.units.eaphe.pk)
    page = client.get(url + "?loai=six_month&nam=2026&dot=1").content.decode()
    assert "Ghi biên bản kiểm tra" in page and 'data-code="1.1"' in page and "Huyện đoàn Krông Pắc" in page
    response = client.post(url, _post_data(world))
    inspection = Inspection.objects.get()
    assert response.status_code == 302 and response.url == _url("inspection_detail", inspection.pk)
    assert inspection.inspection_date == D(2026, 6, 15) and inspection.half == 1
    assert inspection.findings.get(item_code="1.1").note == "Chưa cập nhật sổ đoàn viên"
    assert inspection.findings.get(group_number=2, item_code="").result == "dat"
    assert inspection.history.get().history_user == world.kp_officer


def test_a_date_outside_the_half_is_refused_in_vietnamese_and_the_input_kept(world, login):
    client = login(world.kp_officer)
    response = client.post(
        _url("inspection_create", world.units.eaphe.pk), _post_data(world, inspection_date="02/07/2026")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ngày kiểm tra 02/07/2026 không thuộc 6 tháng đầu năm 2026 (01/01/2026 – 30/06/2026)." in html
    assert "Chưa cập nhật sổ đoàn viên" in html
    assert not Inspection.objects.exists()


def test_changing_the_year_shows_that_years_items_before_saving(world, login):
    client = login(world.kp_officer)
    response = client.post(
        _url("inspection_create", world.units.eaphe.pk),
        _post_data(world, year="2025", inspection_date="15/06/2025", follow_up_due=""),
    )
    assert response.status_code == 200 and not Inspection.objects.exists()
    assert "Đã đổi sang năm 2025" in response.content.decode()
    assert response.context["form"]["spec_year"].value() == "2025"


def test_recording_methods_and_access(world, login):
    url = _url("inspection_create", world.units.eaphe.pk)
    assert login(world.kp_officer).put(url).status_code == 405
    assert login(world.outsider).get(url).status_code == 404
    assert login(world.secretary).get(url).status_code == 403
    assert login(world.secretary).post(url, _post_data(world)).status_code == 403
    assert login(world.kp_officer).get(_url("inspection_create", world.units.eaphe_t1.pk)).status_code == 404
    assert login(world.province).get(url).status_code == 200
    assert not Inspection.objects.exists()


def test_the_province_chooses_to_record_for_itself_or_the_district(world, login):
    client = login(world.province)
    page = client.get(_url("inspection_create", world.units.eaphe.pk))
    choices = [label for _, label in page.context["form"].fields["inspecting_unit"].choices]
    assert choices == ["Huyện đoàn Krông Pắc", "Tỉnh đoàn Đắk Lắk"]
    client.post(
        _url("inspection_create", world.units.eaphe.pk),
        _post_data(world, inspecting_unit=world.units.province.pk, kind="thematic", half=""),
    )
    assert Inspection.objects.get().inspecting_unit == world.units.province


# --- editing ------------------------------------------------------------------------------------------------


def test_officer_edits_a_record(world, login):
    inspection = record(world)
    client = login(world.kp_officer)
    url = _url("inspection_edit", inspection.pk)
    form = client.get(url).context["form"]
    assert form["i1.1-result"].value() == "chua_dat"
    data = _post_data(world, conclusion="khong_dat", version=form["version"].value())
    del data["inspecting_unit"]
    assert client.post(url, data).status_code == 302
    inspection.refresh_from_db()
    assert inspection.failed and inspection.history.first().history_user == world.kp_officer


def test_a_stale_edit_keeps_the_input_and_says_so(world, login):
    inspection = record(world)
    client = login(world.kp_officer)
    url = _url("inspection_edit", inspection.pk)
    token = client.get(url).context["form"]["version"].value()
    services.update_inspection(
        inspection=inspection, by=world.province, findings={}, today=D(2026, 12, 2), **_fields(inspection)
    )
    response = client.post(url, _post_data(world, team="Đoàn mới", version=token))
    html = response.content.decode()
    assert response.status_code == 200 and "vừa được người khác lưu" in html and "Đoàn mới" in html
    # The page now carries the new version: saving again overwrites knowingly.
    data = _post_data(world, team="Đoàn mới", version=response.context["form"]["version"].value())
    assert client.post(url, data).status_code == 302
    inspection.refresh_from_db()
    assert inspection.team == "Đoàn mới"


def _fields(inspection):
    return {name: getattr(inspection, name) for name in services.RECORD_FIELDS}


def test_edit_access(world, login):
    inspection = record(world)
    url = _url("inspection_edit", inspection.pk)
    assert login(world.outsider).get(url).status_code == 404
    assert login(world.secretary).get(url).status_code == 403
    assert login(world.secretary).post(url, _post_data(world)).status_code == 403
    assert login(world.kp_officer).delete(url).status_code == 405
    by_province = record(world, by=world.province, inspecting=world.units.province)
    assert login(world.kp_officer).get(_url("inspection_edit", by_province.pk)).status_code == 403


def test_an_archived_record_is_not_edited(world, login):
    inspection = record(world)
    services.archive_inspection(inspection=inspection, by=world.kp_officer, reason="Trùng")
    response = login(world.kp_officer).get(_url("inspection_edit", inspection.pk))
    assert response.status_code == 302 and response.url == _url("inspection_detail", inspection.pk)


# --- reading ------------------------------------------------------------------------------------------------


def test_the_inspected_unit_reads_its_record(world, login):
    inspection = record(world)
    client = login(world.secretary)
    html = client.get(_url("inspection_detail", inspection.pk)).content.decode()
    assert "Kiểm tra 6 tháng đầu năm năm 2026" not in html  # the title reads naturally
    assert "Kiểm tra 6 tháng đầu năm 2026" in html
    assert "Chưa cập nhật sổ" in html and "Bổ sung sổ theo dõi đoàn viên" in html
    assert "Sửa biên bản" not in html and "Lưu kết quả khắc phục" in html


def test_detail_access(world, login):
    inspection = record(world)
    url = _url("inspection_detail", inspection.pk)
    assert login(world.outsider).get(url).status_code == 404
    assert login(world.outsider).post(url).status_code == 404
    assert login(world.bmt_secretary).get(url).status_code == 404
    assert login(world.secretary).post(url).status_code == 405
    assert login(world.province).get(url).status_code == 200


def test_the_list_shows_each_user_their_scope(world, login):
    record(world)
    record(world, unit=world.units.eakenh)
    record(world, by=world.outsider, unit=world.units.tanloi, inspecting=world.units.bmt)
    names = lambda user: {r.inspected_unit.name for r, _ in login(user).get(_url("inspection_list")).context["rows"]}  # noqa: E731
    assert names(world.secretary) == {"Đoàn xã Ea Phê"}
    assert names(world.kp_officer) == {"Đoàn xã Ea Phê", "Đoàn xã Ea Kênh"}
    assert names(world.outsider) == {"Đoàn phường Tân Lợi"}
    assert names(world.province) == {"Đoàn xã Ea Phê", "Đoàn xã Ea Kênh", "Đoàn phường Tân Lợi"}
    assert login(world.outsider).get(_url("inspection_list") + f"?don_vi={world.units.kp.pk}").status_code == 404


def test_the_list_filters_and_shows_archived_apart(world, login):
    record(world)
    failed = record(
        world, kind="annual", half=None, inspection_date=D(2026, 11, 1), follow_up_due=None, conclusion="khong_dat"
    )
    gone = record(world, year=2025, inspection_date=D(2025, 5, 1), follow_up_due=None)
    services.archive_inspection(inspection=gone, by=world.kp_officer, reason="Nhầm")
    client = login(world.kp_officer)
    rows = lambda query: [r.pk for r, _ in client.get(_url("inspection_list") + query).context["rows"]]  # noqa: E731
    assert rows("?ket_luan=khong_dat") == [failed.pk]
    assert rows("?loai=annual&nam=2026") == [failed.pk]
    assert rows("?luu_tru=1") == [gone.pk]
    assert gone.pk not in rows("")


# session, user, roles, second factor (branches/two_factor: has the officer one?), count, page rows, years, the menu's
# latest year (its "Tổng quan" link)
_LIST_QUERIES = 8


@pytest.mark.parametrize("count", [1, 30])
def test_list_query_count_does_not_grow_with_rows(world, login, count):
    for _ in range(count):
        record(world)
    client = login(world.kp_officer)
    client.get(_url("inspection_list"))  # warm the session and the user
    with CaptureQueriesContext(connection) as queries:
        response = client.get(_url("inspection_list"))
    assert len(response.context["rows"]) == count
    assert len(queries) == _LIST_QUERIES


# --- follow-up, archive, files ------------------------------------------------------------------------------


def test_the_secretary_records_the_follow_up(world, login):
    inspection = record(world)
    url = _url("inspection_follow_up", inspection.pk)
    client = login(world.secretary)
    assert client.get(url).status_code == 405
    response = client.post(url, {"follow_up": "Đã bổ sung sổ", "follow_up_date": "01/09/2026"})
    assert response.status_code == 302
    inspection.refresh_from_db()
    assert inspection.follow_up_date == D(2026, 9, 1)


def test_a_follow_up_before_the_inspection_is_refused_on_the_page(world, login):
    inspection = record(world)
    response = login(world.secretary).post(
        _url("inspection_follow_up", inspection.pk), {"follow_up": "Xong", "follow_up_date": "01/06/2026"}
    )
    assert response.status_code == 200
    assert "Ngày khắc phục xong 01/06/2026 phải từ ngày kiểm tra 15/06/2026 trở đi." in response.content.decode()
    inspection.refresh_from_db()
    assert inspection.follow_up == ""


def test_follow_up_access(world, login):
    inspection = record(world, by=world.province, inspecting=world.units.province)
    url = _url("inspection_follow_up", inspection.pk)
    assert login(world.outsider).post(url, {"follow_up": "x"}).status_code == 404
    assert login(world.kp_officer).post(url, {"follow_up": "x"}).status_code == 403
    inspection.refresh_from_db()
    assert inspection.follow_up == ""


def test_archive_and_restore_from_the_page(world, login):
    inspection = record(world)
    url = _url("inspection_archive", inspection.pk)
    client = login(world.kp_officer)
    assert client.get(url).status_code == 405
    response = client.post(url, {"action": "archive", "reason": ""}, follow=True)
    assert "Hãy ghi lý do lưu trữ biên bản." in response.content.decode()
    client.post(url, {"action": "archive", "reason": "Ghi trùng"})
    inspection.refresh_from_db()
    assert inspection.archived_at is not None
    client.post(url, {"action": "restore"})
    inspection.refresh_from_db()
    assert inspection.archived_at is None


def test_archive_access(world, login):
    inspection = record(world)
    url = _url("inspection_archive", inspection.pk)
    assert login(world.outsider).post(url, {"action": "archive", "reason": "x"}).status_code == 404
    assert login(world.secretary).post(url, {"action": "archive", "reason": "x"}).status_code == 403
    inspection.refresh_from_db()
    assert inspection.archived_at is None


def test_files_upload_download_and_removal(world, login):
    inspection = record(world)
    client = login(world.kp_officer)
    upload = _url("inspection_attachment_upload", inspection.pk)
    assert client.get(upload).status_code == 405
    client.post(upload, {"file": SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf")})
    attachment = InspectionAttachment.objects.get()
    download = _url("inspection_attachment", attachment.pk)
    response = login(world.secretary).get(download)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Cache-Control"] == "no-store, private"
    assert login(world.outsider).get(download).status_code == 404
    client = login(world.kp_officer)  # the test client is shared: log the officer in again
    response = client.post(
        upload, {"file": SimpleUploadedFile("gia.pdf", b"MZ....", content_type="application/pdf")}, follow=True
    )
    assert "không phải PDF, ảnh (JPG, PNG), Word hay Excel" in response.content.decode()
    assert InspectionAttachment.objects.count() == 1
    client.post(_url("inspection_attachment_remove", attachment.pk))
    assert login(world.secretary).get(download).status_code == 404
    assert InspectionAttachment.objects.count() == 1


def test_file_access(world, login):
    inspection = record(world, by=world.province, inspecting=world.units.province)
    upload = _url("inspection_attachment_upload", inspection.pk)
    pdf = SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf")
    assert login(world.outsider).post(upload, {"file": pdf}).status_code == 404
    assert login(world.kp_officer).post(upload, {"file": pdf}).status_code == 403
    attachment = services.add_inspection_attachment(inspection=inspection, by=world.province, uploaded=pdf)
    remove = _url("inspection_attachment_remove", attachment.pk)
    assert login(world.kp_officer).post(remove).status_code == 403
    assert login(world.outsider).post(remove).status_code == 404
    assert InspectionAttachment.objects.current().count() == 1


# --- unit page and navigation -------------------------------------------------------------------------------


def test_unit_pages_show_the_inspection_panel(world, login):
    record(world)
    secretary_page = login(world.secretary).get(world.units.eaphe.get_absolute_url()).content.decode()
    assert "Kiểm tra 6 tháng (6 tháng đầu năm) 15/06/2026" in secretary_page
    assert "Ghi biên bản kiểm tra" not in secretary_page
    officer_page = login(world.kp_officer).get(world.units.kp.get_absolute_url()).content.decode()
    assert _url("inspection_plan", world.units.kp.pk) in officer_page
    officer_on_unit = login(world.kp_officer).get(world.units.eaphe.get_absolute_url()).content.decode()
    assert _url("inspection_create", world.units.eaphe.pk) in officer_on_unit
    assert _url("inspection_list") in officer_page  # the navigation
