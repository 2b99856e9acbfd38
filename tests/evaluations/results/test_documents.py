"""The printed evaluation sheet and registration form: official header, both scores, level, DỰ THẢO marks, scope."""

import pytest
from django.urls import reverse

from evaluations.cycle import services
from tests.pdf import pdf_text

from ..conftest import fill_registration
from ..results_world import accept_registration, approve


def squeeze(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def approved(world, campaign):
    return approve(
        world, campaign, world.units.eaphe, secretary=world.secretary, reviewer=world.kp_officer,
        review_points={"1.1": "4", "3.2": "2.5"},
    )  # fmt: skip


def test_final_evaluation_prints_both_scores_level_and_signatures(world, login, approved, tmp_path):
    response = login(world.secretary).get(reverse("evaluations:evaluation_pdf", args=[approved.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    flat = squeeze(pdf_text(response.content))
    assert "TỈNH ĐOÀN ĐẮK LẮK" in flat and "BCH HUYỆN ĐOÀN KRÔNG PẮC" in flat  # issuer: the reviewing superior
    assert "ĐOÀN TNCS HỒ CHÍ MINH" in flat and "Krông Pắc, ngày" in flat
    assert "PHIẾU ĐÁNH GIÁ KẾT QUẢ XÂY DỰNG “ĐOÀN CƠ SỞ 3 CHỦ ĐỘNG” NĂM 2026" in flat
    assert "Đoàn xã Ea Phê" in flat and "Thiếu minh chứng" in flat
    assert "dự thảo" not in flat.lower() and response.context["draft_mark"] == ""
    assert "Mức đạt được: Đạt “Đoàn cơ sở 3 chủ động” – Xuất sắc" in flat
    assert "tổng điểm thẩm định 93,5/100" in flat
    assert "Nhận xét của đoàn cấp trên: Đơn vị làm tốt." in flat
    assert "TM. BAN CHẤP HÀNH" in flat and "TM. BAN THƯỜNG VỤ" in flat and "H' Linh" in flat
    text = pdf_text(response.content, layout=True)
    line = next(line for line in text.splitlines() if line.strip().startswith("1.1 "))
    assert squeeze(line).endswith("7 7 4 Thiếu minh chứng")
    assert "Tổng cộng 100 100 93,5" in squeeze(text)


def test_a_sheet_not_yet_approved_prints_as_a_draft(world, login, submitted, tmp_path):
    response = login(world.kp_officer).get(reverse("evaluations:evaluation_pdf", args=[submitted.pk]))
    flat = squeeze(pdf_text(response.content))
    # The rotated mark comes out of pdftotext letter by letter, in no fixed order; the note reads plainly.
    assert response.context["draft_mark"] == "DỰ THẢO"
    assert "Bản dự thảo – kết quả chưa được đoàn cấp trên duyệt (chờ cấp trên xem xét)" in flat
    assert "Mức đạt được" not in flat and "Krông Pắc, ngày tháng năm" in flat


def test_evaluation_pdf_is_not_found_outside_the_scope(world, login, approved):
    url = reverse("evaluations:evaluation_pdf", args=[approved.pk])
    assert login(world.outsider).get(url).status_code == 404
    assert login(world.bmt_secretary).get(url).status_code == 404
    assert login(world.norole).get(url).status_code == 404
    assert login(world.province).get(url).status_code == 200


def test_accepted_registration_prints_in_the_official_format(world, login, campaign, tmp_path):
    accept_registration(world, campaign, world.units.eaphe, secretary=world.secretary, reviewer=world.kp_officer)
    url = reverse("evaluations:registration_pdf", args=[campaign.pk, world.units.eaphe.pk])
    response = login(world.secretary).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    flat = squeeze(pdf_text(response.content))
    assert "HUYỆN ĐOÀN KRÔNG PẮC" in flat and "BCH ĐOÀN XÃ EA PHÊ" in flat  # issuer: the grassroots unit
    assert "BẢN ĐĂNG KÝ" in flat and "Xây dựng “Đoàn cơ sở 3 chủ động” năm 2026" in flat
    assert "Cam kết nhóm 1" in flat and "Cam kết nhóm 3" in flat and "Quý I" in flat
    assert "Kết nạp đoàn viên mới: 20." in flat and "Tiêu chí 1.3" in flat
    assert "XÁC NHẬN CỦA ĐOÀN CẤP TRÊN" in flat and "Huyện đoàn Krông Pắc đã chấp nhận bản đăng ký ngày" in flat
    assert "TM. BAN CHẤP HÀNH" in flat and "H' Linh" in flat and "dự thảo" not in flat.lower()


def test_registration_not_accepted_prints_as_a_draft_with_item_entries(world, login, registration, tmp_path):
    fill_registration(registration, world.secretary)
    services.save_registration(
        registration=registration, by=world.secretary, targets={}, focus="",
        entries={(1, "1.3"): {"commitment": "Lập danh sách thanh niên yếu thế", "solutions": "", "roadmap": "Quý II"}},
    )  # fmt: skip
    url = reverse("evaluations:registration_pdf", args=[registration.campaign_id, world.units.eaphe.pk])
    flat = squeeze(pdf_text(login(world.kp_officer).get(url).content))
    assert "Bản dự thảo – chưa được đoàn cấp trên chấp nhận (đang soạn)" in flat
    assert "Lập danh sách thanh" in flat and "Quý II" in flat and "Không đăng ký chỉ tiêu bằng số" in flat


def test_registration_pdf_scope(world, login, campaign, registration):
    url = reverse("evaluations:registration_pdf", args=[campaign.pk, world.units.eaphe.pk])
    assert login(world.outsider).get(url).status_code == 404
    assert login(world.kp_officer).get(url).status_code == 200
    none_yet = reverse("evaluations:registration_pdf", args=[campaign.pk, world.units.eakenh.pk])
    assert login(world.kp_officer).get(none_yet).status_code == 404
    district = reverse("evaluations:registration_pdf", args=[campaign.pk, world.units.kp.pk])
    assert login(world.province).get(district).status_code == 404


def test_the_reviewers_signature_block_carries_a_name(world, campaign):
    from evaluations.results import documents, exports

    world.kp_officer.first_name, world.kp_officer.last_name = "Hùng", "Nguyễn Văn"
    world.kp_officer.save()
    sheet = approve(world, campaign, world.units.eaphe, secretary=world.secretary, reviewer=world.kp_officer)
    text = pdf_text(exports.evaluation_pdf(documents.evaluation_pdf_context(sheet)), layout=True)
    # The two signature blocks side by side: the unit's secretary left, the reviewing superior right.
    names = next(squeeze(line) for line in text.splitlines() if line.strip().startswith("H' Linh"))
    assert names == "H' Linh Nguyễn Văn Hùng"


def test_the_sheet_title_keeps_3_chu_dong_on_one_line(world, campaign):
    from evaluations.results import documents, exports

    sheet = approve(world, campaign, world.units.eaphe, secretary=world.secretary, reviewer=world.kp_officer)
    text = pdf_text(exports.evaluation_pdf(documents.evaluation_pdf_context(sheet)))
    title = [squeeze(line) for line in text.splitlines() if "PHIẾU ĐÁNH GIÁ" in line or "ĐỘNG”" in line]
    assert any("3 CHỦ ĐỘNG”" in line for line in title), title
    record = accept_registration(
        world, campaign, world.units.eaphe, secretary=world.secretary, reviewer=world.kp_officer
    )
    registration = pdf_text(exports.registration_pdf(documents.registration_pdf_context(record)))
    assert any("3 chủ động” năm 2026" in squeeze(line) for line in registration.splitlines())
