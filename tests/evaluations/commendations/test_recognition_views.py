"""Recognition pages: issue (success, refusal shown, wrong method, outsider 404, read-only 403), downloads, the public
verification page, and the citations on the results page and on the unit's page."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from common.documents import format_code
from evaluations.cycle.models import RecognitionDecision
from tests.evaluations.recognition_world import closed_year, issue


@pytest.fixture
def year(world):
    return closed_year(world)


@pytest.fixture
def decision(world, year):
    return issue(world, year)


def page_url(campaign, unit):
    return reverse("evaluations:recognition", args=[campaign.pk, unit.pk])


FORM = {
    "decision_number": "12",
    "decision_date": "20/01/2026",
    "signer_name": "Nguyễn Văn Hùng",
    "signer_position": "BÍ THƯ",
}


def test_the_officer_sees_the_units_to_recognise_and_the_form(world, login, year):
    page = login(world.kp_officer).get(page_url(year, world.units.kp)).content.decode()
    assert 'id="issue-form"' in page and "Ban hành quyết định công nhận (2 đơn vị đạt)" in page
    assert 'data-unit="DL-KP-EAPHE"' in page and 'data-unit="DL-KP-EAKENH"' in page
    assert 'data-unit="DL-KP-HOAAN"' not in page and 'data-unit="DL-KP-VUBON"' not in page


def test_issuing_from_the_page(world, login, year):
    form = FORM | {"signer_position": "PHÓ BÍ THƯ"}
    response = login(world.kp_officer).post(page_url(year, world.units.kp), form, follow=True)
    decision = RecognitionDecision.objects.get()
    assert response.redirect_chain == [(decision.get_absolute_url(), 302)]
    assert (decision.issuer, decision.decision_date, decision.signer_name) == (
        world.units.kp,
        datetime.date(2026, 1, 20),
        "Nguyễn Văn Hùng",
    )
    page = response.content.decode()
    assert "Đã ban hành Quyết định số 12-QĐ/ĐTN ngày 20/01/2026 của Ban Thường vụ Huyện đoàn Krông Pắc" in page
    assert (
        f"Người ký: Phó Bí thư Nguyễn Văn Hùng · Mã xác minh: <code>{format_code(decision.verification_code)}" in page
    )
    assert reverse("evaluations:recognition_pdf", args=[decision.pk]) in page
    assert 'id="issue-form"' not in page


def test_a_refusal_is_shown_on_the_form_and_nothing_is_issued(world, login, year):
    response = login(world.kp_officer).post(page_url(year, world.units.kp), FORM | {"decision_date": "20/01/2099"})
    assert response.status_code == 200
    assert "Ngày quyết định phải từ năm 2025 trở đi và không sau hôm nay" in response.content.decode()
    assert not RecognitionDecision.objects.exists()


def test_an_open_year_says_why_there_is_no_form(world, login):
    year = closed_year(world, status="open")
    page = login(world.kp_officer).get(page_url(year, world.units.kp)).content.decode()
    assert "Năm 2025 chưa khóa sổ" in page and 'id="issue-form"' not in page


def test_an_issued_decision_is_shown_and_cannot_be_issued_again(world, login, year, decision):
    client = login(world.kp_officer)
    page = client.get(page_url(year, world.units.kp)).content.decode()
    assert "Đã ban hành" in page and decision.verification_code in page and 'id="issue-form"' not in page
    response = client.post(page_url(year, world.units.kp), FORM | {"decision_number": "13"})
    assert "Quyết định đã ban hành không được sửa hay ban hành lại" in response.content.decode()
    assert RecognitionDecision.objects.get().decision_number == "12"


def test_wrong_method(world, login, year):
    assert login(world.kp_officer).put(page_url(year, world.units.kp)).status_code == 405


@pytest.mark.parametrize("method", ["get", "post"])
def test_outsiders_get_404(world, login, year, method):
    for user in (world.outsider, world.secretary):
        response = getattr(login(user), method)(page_url(year, world.units.kp), FORM)
        assert response.status_code == 404
    assert not RecognitionDecision.objects.exists()


def test_the_province_reads_a_districts_page_but_cannot_issue(world, login, year):
    client = login(world.province)
    page = client.get(page_url(year, world.units.kp)).content.decode()
    assert "Chỉ Ban Thường vụ Huyện đoàn Krông Pắc được ban hành" in page
    assert client.post(page_url(year, world.units.kp), FORM).status_code == 403
    assert not RecognitionDecision.objects.exists()


def test_a_grassroots_unit_has_no_recognition_page(world, login, year):
    assert login(world.admin).get(page_url(year, world.units.eaphe)).status_code == 404


def test_downloads(world, login, decision):
    client = login(world.kp_officer)
    pdf = client.get(reverse("evaluations:recognition_pdf", args=[decision.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert "quyet-dinh-cong-nhan-2025-dl-kp.pdf" in pdf["Content-Disposition"]
    xlsx = client.get(reverse("evaluations:recognition_xlsx", args=[decision.pk]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert "DL-KP-EAPHE" in [row[1] for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("name", ["recognition_pdf", "recognition_xlsx"])
def test_downloads_of_another_district_are_404(world, login, decision, name):
    for user in (world.outsider, world.secretary):
        assert login(user).get(reverse(f"evaluations:{name}", args=[decision.pk])).status_code == 404


def test_the_verification_page_finds_the_decision_by_its_printed_code(client, decision):
    typed = format_code(decision.verification_code).lower()
    response = client.get(reverse("evaluations:commendation_verify"), {"ma": typed})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Huyện đoàn Krông Pắc" in page and "12-QĐ/ĐTN" in page and "20/01/2026" in page
    assert "Về việc công nhận các đơn vị đạt “Đoàn cơ sở 3 chủ động” năm 2025" in page
    assert "Đoàn xã Ea Phê" in page and "Đạt “Đoàn cơ sở 3 chủ động” – Xuất sắc" in page
    assert "Đoàn xã Hòa An" not in page


def test_the_verification_page_still_refuses_an_unknown_code(client, decision):
    code = "0" * 12 if decision.verification_code != "0" * 12 else "1" * 12
    assert client.get(reverse("evaluations:commendation_verify"), {"ma": code}).status_code == 404


def test_the_results_page_cites_the_decision(world, login, year, decision):
    page = login(world.kp_officer).get(reverse("evaluations:results", args=[year.pk])).content.decode()
    assert "Ban Thường vụ Huyện đoàn Krông Pắc công nhận 2 đơn vị theo" in page
    assert page.count("Công nhận theo Quyết định số 12-QĐ/ĐTN ngày 20/01/2026") == 2
    secretary = login(world.secretary).get(reverse("evaluations:results", args=[year.pk])).content.decode()
    assert "Công nhận theo Quyết định số 12-QĐ/ĐTN ngày 20/01/2026" in secretary


def test_the_results_page_points_the_officer_to_an_unissued_decision(world, login, year):
    page = login(world.kp_officer).get(reverse("evaluations:results", args=[year.pk])).content.decode()
    assert "Huyện đoàn Krông Pắc chưa ban hành quyết định công nhận năm 2025" in page
    assert page_url(year, world.units.kp) in page


def test_the_units_page_cites_the_decision_that_recognised_it(world, login, decision):
    page = login(world.secretary).get(world.units.eaphe.get_absolute_url()).content.decode()
    assert "Năm 2025:</span> Đạt “Đoàn cơ sở 3 chủ động” – Xuất sắc." in page
    assert "Công nhận theo Quyết định số 12-QĐ/ĐTN ngày 20/01/2026 của Ban Thường vụ Huyện đoàn Krông Pắc" in page
    assert f"?ma={decision.verification_code}" in page


def test_the_reviewing_units_page_lists_its_closed_years(world, login, year):
    client = login(world.kp_officer)
    page = client.get(world.units.kp.get_absolute_url()).content.decode()
    assert "chưa ban hành quyết định công nhận" in page and "Ban hành quyết định" in page
    issue(world, year)
    page = client.get(world.units.kp.get_absolute_url()).content.decode()
    assert "Quyết định số 12-QĐ/ĐTN ngày 20/01/2026" in page and "Xem quyết định" in page
    # a unit nobody recognised shows no panel
    assert (
        "recognition-panel"
        not in login(world.bmt_secretary).get(world.units.tanloi.get_absolute_url()).content.decode()
    )
