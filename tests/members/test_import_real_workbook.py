"""A workbook kept the way offices keep them imports all its good rows: from the browser with one confirmation,
and from `import_members --skip-invalid`."""

import io

from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from members.models import ImportJob, ImportStatus, Member
from tests.members.data.workbooks import real_office_workbook
from tests.members.test_import_views import upload

GOOD = {"Nguyễn Văn An", "H' Hen Niê", "Trần Thị Bình", "Y Sơn Mlô", "Lê Văn Cường", "Phạm Thị Dung"}


def test_the_preview_reports_the_foot_and_the_copy_and_flags_only_the_two_bad_rows(world, login):
    client = login(world.secretary)
    upload(client, world.units.eaphe, real_office_workbook())
    job = ImportJob.objects.get()
    assert sorted({p["row"] for p in job.problems}) == [12, 13]
    page = client.get(reverse("member_import:detail", args=[job.pk])).content.decode()
    assert "Nhập 6 dòng hợp lệ, bỏ qua 2 dòng lỗi" in page
    assert "Dòng 11 giống hệt dòng 6" in page
    assert "Đã bỏ qua 4 dòng chân bảng (ký tên, chức danh, ngày tháng) từ dòng 15 đến dòng 20." in page
    assert "Thiếu ngày sinh" not in page


def test_one_confirmation_imports_every_good_row_and_keeps_the_error_workbook(world, login):
    client = login(world.secretary)
    upload(client, world.units.eaphe, real_office_workbook())
    job = ImportJob.objects.get()
    response = client.post(reverse("member_import:confirm", args=[job.pk]), {"bo_qua_loi": "1"}, follow=True)
    assert "Đã thêm 6 đoàn viên, cập nhật 0 hồ sơ. Bỏ qua 2 dòng lỗi." in response.content.decode()
    assert set(Member.objects.values_list("full_name", flat=True)) == GOOD
    assert Member.objects.get(full_name="Nguyễn Văn An").id_number == "066201000001"  # typed as a number
    job.refresh_from_db()
    assert (job.status, job.created_count, job.skipped_count) == (ImportStatus.DONE, 6, 2)
    assert job.processed_rows == job.total_rows > 0
    download = client.get(reverse("member_import:errors", args=[job.pk]))
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    assert sheet.cell(row=12, column=sheet.max_column).value == "Ngày sinh: Ngày không có thật: 30/02/2002."


def test_confirming_without_skipping_is_still_refused_while_rows_have_problems(world, login):
    client = login(world.secretary)
    upload(client, world.units.eaphe, real_office_workbook())
    job = ImportJob.objects.get()
    client.post(reverse("member_import:confirm", args=[job.pk]))
    assert Member.objects.count() == 0


def test_the_command_imports_the_good_rows_with_skip_invalid(world, tmp_path):
    path = tmp_path / "ds.xlsx"
    path.write_bytes(real_office_workbook())
    out = io.StringIO()
    call_command("import_members", str(path), "--unit", "DL-KP-EAPHE", "--skip-invalid", stdout=out)
    output = out.getvalue()
    assert "Dòng 11: giống hệt dòng 6, bỏ qua." in output
    assert "Dòng 15–20: chân bảng (ký tên), bỏ qua 4 dòng." in output
    assert "Dòng 13: Số CCCD “06620100000O”: Số CCCD chỉ được gồm chữ số." in output
    assert "Đã thêm 6 đoàn viên" in output
    assert set(Member.objects.values_list("full_name", flat=True)) == GOOD


def test_the_upload_page_lists_the_units_past_imports_and_no_other_units(world, login):
    client = login(world.secretary)
    upload(client, world.units.eaphe, real_office_workbook())
    job = ImportJob.objects.get()
    client.post(reverse("member_import:confirm", args=[job.pk]), {"bo_qua_loi": "1"})
    ImportJob.objects.create(unit=world.units.tanloi, file_name="tan-loi-bi-mat.xlsx", file="x.xlsx")
    page = client.get(reverse("member_import:upload", args=[world.units.eaphe.pk])).content.decode()
    assert "Các lượt nhập trước của đơn vị" in page
    assert "danh-sach.xlsx" in page and "Đã nhập xong" in page
    assert "tan-loi-bi-mat.xlsx" not in page
    assert (
        "Đơn vị chưa nhập tệp nào."
        in client.get(reverse("member_import:upload", args=[world.units.eaphe_t1.pk])).content.decode()
    )
