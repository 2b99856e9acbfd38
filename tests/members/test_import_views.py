"""The import pages: upload, preview with every problem, confirm, error workbook, template."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from members.importing import forms as import_forms
from members.models import ImportJob, ImportStatus, Member
from tests.members.data.workbooks import TITLE_LINES, member_row, office_workbook, workbook_bytes


def xlsx(data: bytes, name="danh-sach.xlsx"):
    return SimpleUploadedFile(
        name, data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


def upload(client, unit, data: bytes):
    return client.post(reverse("member_import:upload", args=[unit.pk]), {"file": xlsx(data)})


def bad_workbook() -> bytes:
    rows = [member_row(1), member_row(2, birth="31/02/2000"), member_row(3, id_number="06620100000A")]
    return workbook_bytes(rows, title_lines=TITLE_LINES)


def test_the_upload_page_opens_for_a_secretary(world, login):
    response = login(world.secretary).get(reverse("member_import:upload", args=[world.units.eaphe.pk]))
    assert response.status_code == 200
    assert "Nhập danh sách đoàn viên từ Excel" in response.content.decode()


def test_the_upload_page_is_403_for_a_read_only_user_and_404_outside_scope(world, login):
    url = reverse("member_import:upload", args=[world.units.eaphe.pk])
    assert login(world.province).get(url).status_code == 403
    assert login(world.outsider).get(url).status_code == 404


def test_an_upload_is_checked_and_previewed_without_writing(world, login):
    client = login(world.secretary)
    response = upload(client, world.units.eaphe, office_workbook())
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("member_import:detail", args=[job.pk])
    assert (job.status, job.created_by, job.unit) == (ImportStatus.CHECKED, world.secretary, world.units.eaphe)
    assert job.file_name == "danh-sach.xlsx"
    assert "danh-sach" not in job.file.name  # stored under a random name: the file holds CCCD numbers
    assert Member.objects.count() == 0
    page = client.get(response["Location"]).content.decode()
    assert "Xác nhận nhập 3 dòng" in page
    assert "Trần Thị Bình" in page


def test_the_preview_lists_every_problem_with_row_column_value_and_message(world, login):
    client = login(world.secretary)
    upload(client, world.units.eaphe, bad_workbook())
    page = client.get(reverse("member_import:detail", args=[ImportJob.objects.get().pk])).content.decode()
    assert "<td>6</td><td>Ngày sinh</td><td>31/02/2000</td><td>Ngày không có thật: 31/02/2000.</td>" in page
    assert "<td>7</td><td>Số CCCD</td><td>06620100000A</td><td>Số CCCD chỉ được gồm chữ số.</td>" in page
    assert "Xác nhận nhập" not in page
    assert "Tải tệp của bạn kèm cột lỗi" in page


def test_a_bad_file_is_refused_on_the_form_and_stores_nothing(world, login):
    response = upload(login(world.secretary), world.units.eaphe, b"not a workbook")
    assert response.status_code == 200
    assert "Tệp không phải bảng tính Excel (.xlsx) hoặc đã bị hỏng." in response.content.decode()
    assert ImportJob.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused_on_the_form(world, login, monkeypatch):
    monkeypatch.setattr(import_forms, "MAX_UPLOAD_BYTES", 1024)
    response = upload(login(world.secretary), world.units.eaphe, office_workbook())
    assert "Tệp quá lớn" in response.content.decode()
    assert ImportJob.objects.count() == 0


def test_confirm_writes_all_rows_and_shows_the_result(world, login):
    client = login(world.secretary)
    upload(client, world.units.eaphe, office_workbook())
    job = ImportJob.objects.get()
    response = client.post(reverse("member_import:confirm", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.status, job.created_count) == (ImportStatus.DONE, 3)
    assert Member.objects.count() == 3
    assert {h.history_user for h in Member.history.all()} == {world.secretary}
    assert "Đã thêm 3 đoàn viên" in client.get(response["Location"]).content.decode()


def test_confirm_needs_post(world, login):
    client = login(world.secretary)
    upload(client, world.units.eaphe, office_workbook())
    assert client.get(reverse("member_import:confirm", args=[ImportJob.objects.get().pk])).status_code == 405


def test_confirm_is_refused_while_the_file_has_problems(world, login):
    client = login(world.secretary)
    upload(client, world.units.eaphe, bad_workbook())
    response = client.post(reverse("member_import:confirm", args=[ImportJob.objects.get().pk]), follow=True)
    assert "Tệp còn lỗi" in response.content.decode()
    assert Member.objects.count() == 0


def test_confirm_twice_writes_once(world, login):
    client = login(world.secretary)
    upload(client, world.units.eaphe, office_workbook())
    url = reverse("member_import:confirm", args=[ImportJob.objects.get().pk])
    client.post(url)
    response = client.post(url, follow=True)
    assert "không ở trạng thái chờ xác nhận" in response.content.decode()
    assert Member.objects.count() == 3


def test_confirm_is_403_for_a_read_only_user_and_404_outside_scope(world, login, client):
    upload(login(world.secretary), world.units.eaphe, office_workbook())
    url = reverse("member_import:confirm", args=[ImportJob.objects.get().pk])
    assert login(world.province).post(url).status_code == 403
    assert login(world.outsider).post(url).status_code == 404
    assert Member.objects.count() == 0


def test_the_problems_download_is_the_users_workbook_with_an_error_column(world, login):
    client = login(world.secretary)
    upload(client, world.units.eaphe, bad_workbook())
    response = client.get(reverse("member_import:errors", args=[ImportJob.objects.get().pk]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.cell(row=1, column=1).value == "BAN CHẤP HÀNH ĐOÀN XÃ EA PHÊ"
    error_column = sheet.max_column
    assert sheet.cell(row=4, column=error_column).value == "Lỗi cần sửa"
    assert sheet.cell(row=5, column=error_column).value is None
    assert sheet.cell(row=6, column=error_column).value == "Ngày sinh: Ngày không có thật: 31/02/2000."
    assert sheet.cell(row=7, column=error_column).value == "Số CCCD: Số CCCD chỉ được gồm chữ số."
    assert sheet.cell(row=6, column=3).fill.start_color.rgb.endswith("F8D7DA")


def test_the_job_pages_are_404_outside_scope(world, login):
    # A job with problems, so the error workbook really exists: it serves the secretary and is 404 outside.
    upload(login(world.secretary), world.units.eaphe, bad_workbook())
    job = ImportJob.objects.get()
    urls = [reverse(f"member_import:{name}", args=[job.pk]) for name in ("detail", "progress", "errors")]
    assert [login(world.secretary).get(url).status_code for url in urls] == [200, 200, 200]
    client = login(world.outsider)
    for url in urls:
        assert client.get(url).status_code == 404


def test_the_progress_answers_json(world, login):
    client = login(world.secretary)
    upload(client, world.units.eaphe, office_workbook())
    data = client.get(reverse("member_import:progress", args=[ImportJob.objects.get().pk])).json()
    assert data["status"] == ImportStatus.CHECKED
    assert data["running"] is False


def test_the_template_downloads(world, login):
    response = login(world.secretary).get(reverse("member_import:template"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="mau-danh-sach-doan-vien.xlsx"'


def test_the_problems_download_is_404_for_a_file_that_could_not_be_read(world, login):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<x/>")
        archive.writestr("xl/workbook.xml", "hỏng")
    client = login(world.secretary)
    upload(client, world.units.eaphe_t1, buffer.getvalue())
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.FAILED
    assert client.get(reverse("member_import:errors", args=[job.pk])).status_code == 404


def test_the_problems_download_is_404_for_a_file_without_problems(world, login):
    client = login(world.secretary)
    upload(client, world.units.eaphe, office_workbook())
    assert client.get(reverse("member_import:errors", args=[ImportJob.objects.get().pk])).status_code == 404


def test_the_error_workbook_is_built_once_at_the_check_and_served_as_stored(world, login, monkeypatch):
    from members.importing import errors

    client = login(world.secretary)
    upload(client, world.units.eaphe, bad_workbook())
    job = ImportJob.objects.get()
    assert job.error_file.name.startswith("nhap-doan-vien/loi-")
    job.file.storage.delete(job.file.name)  # the upload itself is not read again

    def never(*args, **kwargs):
        raise AssertionError("the download must not rebuild the workbook")

    monkeypatch.setattr(errors, "write_error_workbook", never)
    response = client.get(reverse("member_import:errors", args=[job.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="loi-danh-sach.xlsx"'


def test_the_problems_download_is_404_when_the_stored_error_file_is_gone(world, login):
    client = login(world.secretary)
    upload(client, world.units.eaphe, bad_workbook())
    job = ImportJob.objects.get()
    job.error_file.storage.delete(job.error_file.name)
    assert client.get(reverse("member_import:errors", args=[job.pk])).status_code == 404


def test_a_file_whose_error_workbook_cannot_be_built_sends_the_user_back_to_the_problem_list(world, login, monkeypatch):
    from members.importing import errors, jobs

    def broken(*args, **kwargs):
        raise errors.ErrorWorkbookError("cannot")

    monkeypatch.setattr(jobs, "write_error_workbook", broken)
    client = login(world.secretary)
    upload(client, world.units.eaphe, bad_workbook())
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.CHECKED and job.problems and not job.error_file
    response = client.get(reverse("member_import:errors", args=[job.pk]), follow=True)
    assert response.redirect_chain == [(reverse("member_import:detail", args=[job.pk]), 302)]
    assert "Không dựng được tệp kèm cột lỗi" in response.content.decode()
