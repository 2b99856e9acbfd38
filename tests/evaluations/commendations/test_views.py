"""Commendation pages: success, wrong method, outsider 404, read-only 403, constant queries, public verification."""

import datetime

import pytest
from django.urls import reverse

from evaluations.commendations import services
from evaluations.commendations.models import CommendationOverride, CommendationRound

from ..commendation_world import RULES, TODAY, add_results, make_round, term_of

FORM_RULES = {k: ("" if v is None else v) for k, v in RULES.items()}


@pytest.fixture
def province_round(world):
    add_results(world)
    return make_round(world)


@pytest.fixture
def kp_round(world):
    add_results(world)
    return make_round(world, organiser=world.units.kp)


def finalise(commendation_round, user, number="12"):
    return services.finalise_round(
        commendation_round=commendation_round,
        by=user,
        decision_number=number,
        decision_date=datetime.date(2025, 12, 15),
        signer_name="",
        today=TODAY,
    )


def test_create_round_from_the_rules_form(world, login):
    add_results(world)
    term = term_of(world)
    client = login(world.province)
    data = {k: ("" if v is None else v) for k, v in RULES.items()} | {
        "term": term.pk,
        "number": 1,
        "no_failed_inspection": "on",
    }
    response = client.post(reverse("evaluations:commendation_create"), data)
    commendation_round = CommendationRound.objects.get()
    assert response.status_code == 302 and response.url == commendation_round.get_absolute_url()
    assert commendation_round.organiser == world.units.province and commendation_round.quota_per_district == 2


def test_create_with_a_window_outside_the_term_shows_the_message(world, login):
    term = term_of(world)
    client = login(world.province)
    data = {k: ("" if v is None else v) for k, v in RULES.items()} | {"term": term.pk, "number": 1, "start_year": 2019}
    response = client.post(reverse("evaluations:commendation_create"), data)
    assert response.status_code == 200
    assert "Giai đoạn xét phải nằm trong nhiệm kỳ 2022 – 2027." in response.content.decode()
    assert not CommendationRound.objects.exists()


def test_secretary_cannot_create_a_round(world, login):
    assert login(world.secretary).get(reverse("evaluations:commendation_create")).status_code == 403


def test_detail_shows_every_unit_with_its_reason(world, login, province_round):
    response = login(world.province).get(province_round.get_absolute_url())
    page = response.content.decode()
    assert "xếp thứ 1 trong 2 đơn vị đủ điều kiện của Huyện đoàn Krông Pắc, chỉ tiêu 2" in page
    assert "2024: không đạt" in page
    assert "Ban hành" in page


def test_remove_by_hand_with_a_reason(world, login, province_round):
    client = login(world.province)
    url = reverse("evaluations:commendation_override", args=[province_round.pk])
    assert client.get(url).status_code == 405
    client.post(url, {"unit": world.units.eakenh.pk, "action": "remove", "reason": ""})
    assert not CommendationOverride.objects.exists()
    response = client.post(url, {"unit": world.units.eakenh.pk, "action": "remove", "reason": "Chưa nộp báo cáo"})
    assert response.status_code == 302
    assert CommendationOverride.objects.get().reason == "Chưa nộp báo cáo"
    page = client.get(province_round.get_absolute_url()).content.decode()
    assert "loại thủ công: Chưa nộp báo cáo" in page


def test_finalise_and_its_refusals(world, login, province_round):
    client = login(world.province)
    url = reverse("evaluations:commendation_finalise", args=[province_round.pk])
    assert client.get(url).status_code == 405
    response = client.post(url, {"decision_number": "12", "decision_date": "01/06/2024"}, follow=True)
    assert "Ngày quyết định phải sau giai đoạn xét 2023 – 2024" in response.content.decode()
    response = client.post(url, {"decision_number": "12", "decision_date": "15/12/2025"})
    assert response.status_code == 302
    province_round.refresh_from_db()
    assert province_round.is_finalised and province_round.decision_number == "12"
    # Frozen: the rules page and overrides are refused.
    edit = client.post(
        reverse("evaluations:commendation_edit", args=[province_round.pk]), FORM_RULES | {"quota_per_district": 1}
    )
    assert "đã ban hành quyết định" in edit.content.decode()


def test_read_only_user_gets_403_on_changes(world, login, kp_round):
    client = login(world.province)  # sees the district's round, does not run it
    assert client.get(kp_round.get_absolute_url()).status_code == 200
    for name in ("commendation_edit", "commendation_override", "commendation_finalise"):
        assert client.post(reverse(f"evaluations:{name}", args=[kp_round.pk])).status_code == 403, name


def test_outsider_gets_404(world, login, kp_round):
    client = login(world.outsider)
    for name in ("commendation_detail", "commendation_decision_pdf", "commendation_xlsx"):
        assert client.get(reverse(f"evaluations:{name}", args=[kp_round.pk])).status_code == 404, name


def test_downloads(world, login, province_round):
    client = login(world.province)
    pdf = client.get(reverse("evaluations:commendation_decision_pdf", args=[province_round.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    xlsx = client.get(reverse("evaluations:commendation_xlsx", args=[province_round.pk]))
    assert xlsx.content.startswith(b"PK")


def test_list_query_count_is_constant(world, login, django_assert_num_queries):
    add_results(world)
    term = term_of(world)
    client = login(world.province)
    make_round(world)
    url = reverse("evaluations:commendation_list")
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for number in range(2, 3):
        services.create_round(
            organiser=world.units.province, term=term, number=number, by=world.province, today=TODAY, **RULES
        )
    kp = make_round(world, organiser=world.units.kp)
    assert kp
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(url)


def test_detail_query_count_does_not_grow_with_units(world, login, province_round):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from branches.models import UnitType
    from tests.conftest import make_unit

    client = login(world.province)
    url = province_round.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for n in range(20):
        make_unit(world.units.kp, f"DL-KP-X{n}", f"Đoàn xã X{n}", UnitType.GRASSROOTS)
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after.captured_queries) == len(before.captured_queries)


def test_verification_page_is_public_and_shows_only_the_decision(world, client, province_round):
    finalise(province_round, world.province)
    province_round.refresh_from_db()
    entry = province_round.entries.first()
    for code in (province_round.verification_code, entry.verification_code):
        response = client.get(reverse("evaluations:commendation_verify") + f"?ma={code}")
        page = response.content.decode()
        assert response.status_code == 200
        assert "Tỉnh đoàn Đắk Lắk" in page and "12-QĐ/ĐTN-TCKT" in page and "15/12/2025" in page
        assert "Đoàn xã Ea Phê" in page and "Đoàn xã Ea Kênh" in page
        # The list as the paper prints it (with its averages), and nothing beyond: not the units left out, not their
        # scores, not the codes of others.
        assert "93,00" in page and "82,00" in page
        assert "Đoàn phường Tân Lợi" not in page and "67,5" not in page
    other = province_round.entries.last()
    assert (
        other.verification_code
        not in client.get(
            reverse("evaluations:commendation_verify") + f"?ma={entry.verification_code}"
        ).content.decode()
    )


def test_unknown_and_malformed_codes_get_the_same_404(world, client, province_round):
    unknown = client.get(reverse("evaluations:commendation_verify") + "?ma=ZZZZ-ZZZZ-ZZZZ")
    malformed = client.get(reverse("evaluations:commendation_verify") + "?ma=abc")
    assert unknown.status_code == malformed.status_code == 404
    assert unknown.content == malformed.content
    assert "Không tìm thấy văn bản nào có mã xác minh này" in unknown.content.decode()
    asked = client.get(reverse("evaluations:commendation_verify"))
    assert asked.status_code == 200 and "Mã xác minh in trên quyết định" in asked.content.decode()


def _verify(client, code, address="203.0.113.7"):
    return client.get(reverse("evaluations:commendation_verify"), {"ma": code}, REMOTE_ADDR=address)


def test_a_code_read_with_o_for_0_and_i_or_l_for_1_finds_the_decision(world, client, province_round):
    finalise(province_round, world.province)
    CommendationRound.objects.filter(pk=province_round.pk).update(verification_code="01ABCD01EFGH")
    for typed in ("01AB-CD01-EFGH", "oiab cdOL efgh", "OLAB-CDOI-EFGH", " 01abcd01efgh "):
        response = _verify(client, typed)
        assert response.status_code == 200, typed
        assert "12-QĐ/ĐTN-TCKT" in response.content.decode()


def test_an_address_that_misses_too_often_gets_429_for_a_while(world, client, province_round, settings):
    settings.VERIFY_FAILURE_LIMIT = 3
    finalise(province_round, world.province)
    province_round.refresh_from_db()
    right = province_round.verification_code
    for _ in range(5):
        assert _verify(client, right).status_code == 200  # found codes are not counted
    for code in ("ZZZZ-ZZZZ-ZZZZ", "abc", "YYYY-YYYY-YYYY"):
        assert _verify(client, code).status_code == 404
    throttled = _verify(client, right)
    assert throttled.status_code == 429 and throttled["Retry-After"] == "900"
    page = throttled.content.decode()
    assert "đã tra quá nhiều mã xác minh không đúng. Vui lòng thử lại sau 15 phút" in page
    assert "12-QĐ/ĐTN-TCKT" not in page
    assert _verify(client, right, address="198.51.100.9").status_code == 200  # another address is not held back
    assert client.get(reverse("evaluations:commendation_verify"), REMOTE_ADDR="203.0.113.7").status_code == 200


def test_a_draft_has_no_verification_page(world, client, province_round):
    from evaluations.commendations.models import CommendationRound as Round

    Round.objects.filter(pk=province_round.pk).update(verification_code="ABCDEFGHJKMN")
    assert client.get(reverse("evaluations:commendation_verify") + "?ma=ABCDEFGHJKMN").status_code == 404


def test_the_override_log_names_the_officer_family_name_first(world, login, province_round):
    world.province.first_name, world.province.last_name = "Hùng", "Nguyễn Văn"
    world.province.save()
    client = login(world.province)
    url = reverse("evaluations:commendation_override", args=[province_round.pk])
    client.post(url, {"unit": world.units.eakenh.pk, "action": "remove", "reason": "Chưa nộp báo cáo"})
    page = client.get(province_round.get_absolute_url()).content.decode()
    log = page.split("Điều chỉnh thủ công</h2>")[1]
    assert "Nguyễn Văn Hùng" in log and "Hùng Nguyễn Văn" not in log


def test_the_finalise_form_takes_the_signers_position_and_name(world, login, province_round):
    client = login(world.province)
    page = client.get(province_round.get_absolute_url()).content.decode()
    assert 'name="signer_position"' in page and "Phó Bí thư" in page
    url = reverse("evaluations:commendation_finalise", args=[province_round.pk])
    data = {"decision_number": "12", "decision_date": "15/12/2025", "signer_name": "Niê H'Linh"}
    response = client.post(url, data | {"signer_position": "deputy"})
    assert response.status_code == 302
    province_round.refresh_from_db()
    assert (province_round.signer_position, province_round.signer_name) == ("deputy", "Niê H'Linh")


def test_the_rules_form_sets_the_grounds_and_the_department_with_the_defaults_shown(world, login):
    add_results(world)
    client = login(world.province)
    page = client.get(reverse("evaluations:commendation_create")).content.decode()
    assert "Căn cứ Hướng dẫn của Ban Thường vụ Tỉnh đoàn Đắk Lắk về việc xây dựng" in page
    assert 'placeholder="TCKT"' in page and 'placeholder="Ban Tổ chức – Kiểm tra"' in page
    data = FORM_RULES | {"term": term_of(world).pk, "number": 1, "no_failed_inspection": "on"}
    client.post(reverse("evaluations:commendation_create"), data | {"department_code": " VP ", "guidance_basis": ""})
    commendation_round = CommendationRound.objects.get()
    assert (commendation_round.department_code, commendation_round.guidance_basis) == ("VP", "")
    edit = reverse("evaluations:commendation_edit", args=[commendation_round.pk])
    client.post(edit, FORM_RULES | {"no_failed_inspection": "on", "rules_basis": "Căn cứ Quy chế thi đua số 1"})
    commendation_round.refresh_from_db()
    assert commendation_round.rules_basis == "Căn cứ Quy chế thi đua số 1"


def test_certificates_are_named_and_titled_after_their_award(world, login, province_round):
    import subprocess

    kp_round = make_round(world, organiser=world.units.kp)
    for commendation_round, award, stem in [
        (province_round, "Bằng khen", "bang-khen"),
        (kp_round, "Giấy khen", "giay-khen"),
    ]:
        user = world.province if commendation_round is province_round else world.kp_officer
        response = login(user).get(reverse("evaluations:commendation_certificates_pdf", args=[commendation_round.pk]))
        assert f'filename="{stem}-tuyen-duong-2023-2024.pdf"' in response["Content-Disposition"]
        info = subprocess.run(["pdfinfo", "-"], input=response.content, capture_output=True, check=True).stdout.decode()
        title = next(line for line in info.splitlines() if line.startswith("Title:")).split(":", 1)[1].strip()
        assert title == f"{award} – tuyên dương “Đoàn cơ sở 3 chủ động” tiêu biểu giai đoạn 2023 – 2024"
