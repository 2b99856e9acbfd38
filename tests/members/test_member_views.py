"""The member list, record, create/admission, edit, status and history pages."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from common.locking import MISSING_VERSION
from members.models import Member, MemberStatus
from tests.html import history_rows
from tests.members.conftest import make_member

LIST = reverse("members:member_list")


def member_data(**overrides):
    data = {
        "full_name": "Y Sơn Niê",
        "birth_date": "12/03/2005",
        "gender": "nam",
        "ethnicity": "Ê Đê",
        "religion": "",
        "id_number": "066205000123",
        "card_number": "",
        "joined_date": "26/03/2022",
        "joined_place": "Chi đoàn thôn 1",
        "education": "12/12",
        "occupation": "Nông dân",
        "phone": "0905 123 456",
        "residence": "Thôn 1, xã Ea Phê",
        "admission_decision_number": "",
        "admission_decision_date": "",
        "introducer": "",
    }
    return {**data, **overrides}


# --- list ---------------------------------------------------------------------------------------------------


def test_list_shows_the_users_scope_in_vietnamese_order(world, roll, login):
    response = login(world.secretary).get(LIST)
    assert response.status_code == 200
    assert [m.full_name for m in response.context["rows"]] == ["Nguyễn Văn An", "Trần Thị Bình", "Đặng Văn Đức"]
    assert "Lê Văn Cường" not in response.content.decode()


def test_list_searches_without_diacritics_inside_a_unit(world, roll, login):
    response = login(world.kp_officer).get(LIST, {"q": "nguyen van an", "don_vi": world.units.eaphe.pk})
    assert [m.full_name for m in response.context["rows"]] == ["Nguyễn Văn An"]
    assert response.context["page"].paginator.count == 1


def test_outsider_gets_404_for_a_unit_of_another_district(world, roll, login):
    response = login(world.outsider).get(LIST, {"don_vi": world.units.eaphe.pk})
    assert response.status_code == 404


def test_list_offers_adding_only_to_editors(world, roll, login):
    assert login(world.secretary).get(LIST, {"don_vi": world.units.eaphe.pk}).context["can_add"]
    assert not login(world.province).get(LIST, {"don_vi": world.units.eaphe.pk}).context["can_add"]


def _list_queries(client, unit):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST, {"don_vi": unit.pk, "q": "nguyen"})
    assert response.status_code == 200
    return len(queries), len(response.context["rows"])


def test_list_query_count_does_not_grow_with_the_rows(world, login):
    client = login(world.kp_officer)
    make_member(world.units.eaphe_t1, "Nguyễn Văn Một")
    one = _list_queries(client, world.units.eaphe)
    Member.objects.bulk_create(
        [
            Member(unit=world.units.eaphe_t2, full_name=f"Nguyễn Văn Số {i}", birth_date=datetime.date(2001, 1, 1))
            for i in range(60)
        ]
    )
    for member in Member.objects.filter(sort_key=""):
        member.save()
    fifty = _list_queries(client, world.units.eaphe)
    assert one[1] == 1 and fifty[1] == 50
    assert one[0] == fifty[0]


def test_list_paginates_by_fifty(world, login):
    Member.objects.bulk_create(
        [Member(unit=world.units.eaphe_t1, full_name=f"Lê Văn {i:03d}", gender="nam") for i in range(120)]
    )
    response = login(world.secretary).get(LIST, {"trang": 3})
    assert response.context["page"].number == 3
    assert len(response.context["rows"]) == 20


# --- record -------------------------------------------------------------------------------------------------


def test_record_shows_personal_data_to_the_unit_and_superiors(world, roll, login):
    url = reverse("members:member_detail", args=[roll.an.pk])
    for user in (world.secretary, world.kp_officer, world.province):
        response = login(user).get(url)
        assert response.status_code == 200
        assert "066200000001" in response.content.decode()


def test_record_is_404_outside_the_scope(world, roll, login):
    assert login(world.outsider).get(reverse("members:member_detail", args=[roll.an.pk])).status_code == 404
    assert login(world.secretary).get(reverse("members:member_detail", args=[roll.kenh.pk])).status_code == 404


# --- create and admission -----------------------------------------------------------------------------------


def test_secretary_adds_a_member_to_a_chi_doan(world, login):
    url = reverse("members:member_create") + f"?don_vi={world.units.eaphe.pk}"
    response = login(world.secretary).post(url, member_data(unit=world.units.eaphe_t1.pk))
    member = Member.objects.get(full_name="Y Sơn Niê")
    assert response.status_code == 302 and response["Location"] == member.get_absolute_url()
    assert member.unit == world.units.eaphe_t1
    assert member.birth_date == datetime.date(2005, 3, 12)
    assert member.history.get().history_user == world.secretary


def test_admission_records_decision_and_introducer(world, roll, login):
    url = reverse("members:member_create") + f"?don_vi={world.units.eaphe.pk}"
    data = member_data(
        unit=world.units.eaphe_t2.pk,
        admission_decision_number="15-QĐ/ĐTN",
        admission_decision_date="26/03/2026",
        joined_date="26/03/2026",
        introducer=roll.an.pk,
    )
    login(world.secretary).post(url, data)
    member = Member.objects.get(full_name="Y Sơn Niê")
    assert member.introducer == roll.an
    assert list(roll.an.introduced.all()) == [member]
    assert member.history.get().history_change_reason == "Kết nạp đoàn viên"


def test_admission_refuses_an_applicant_under_16(world, login):
    url = reverse("members:member_create") + f"?don_vi={world.units.eaphe.pk}"
    data = member_data(
        unit=world.units.eaphe_t1.pk,
        birth_date="01/01/2012",
        joined_date="",
        admission_decision_number="16-QĐ/ĐTN",
        admission_decision_date="26/03/2026",
    )
    response = login(world.secretary).post(url, data)
    assert response.status_code == 200
    assert "từ đủ 16 đến 30 tuổi" in response.content.decode()
    assert not Member.objects.exists()


@pytest.mark.parametrize(
    ("birth", "joined", "reason"),
    [
        ("01/01/2015", "", "người này mới 11 tuổi"),  # no admission date: too young to be a member at all
        ("01/01/2008", "26/03/2022", "ngày 26/03/2022 người này mới 14 tuổi"),
        ("01/01/1985", "26/03/2022", "ngày 26/03/2022 người này đã 37 tuổi"),
    ],
)
def test_a_member_must_have_been_16_to_30_on_the_admission_date(world, login, birth, joined, reason):
    data = member_data(unit=world.units.eaphe_t1.pk, birth_date=birth, joined_date=joined)
    response = login(world.secretary).post(reverse("members:member_create"), data)
    page = response.content.decode()
    assert response.status_code == 200 and "phải từ đủ 16 đến 30 tuổi" in page and reason in page
    assert not Member.objects.exists()


@pytest.mark.parametrize(("birth", "joined"), [("26/03/2006", "26/03/2022"), ("27/03/1991", "26/03/2022")])
def test_admission_at_exactly_16_or_30_is_accepted(world, login, birth, joined):
    data = member_data(unit=world.units.eaphe_t1.pk, birth_date=birth, joined_date=joined)
    login(world.secretary).post(reverse("members:member_create"), data)
    assert Member.objects.count() == 1


def test_an_old_record_stays_editable_when_its_dates_are_not_touched(world, login):
    member = make_member(world.units.eaphe_t1, "Lê Văn Cũ", birth_date=datetime.date(1980, 1, 1))
    data = member_data(
        full_name="Lê Văn Cũ", birth_date="01/01/1980", joined_date="26/03/2015", phone="0905 000 111", unit=""
    )
    data["version"] = member.updated_at.isoformat()
    login(world.secretary).post(reverse("members:member_edit", args=[member.pk]), data)
    member.refresh_from_db()
    assert member.phone == "0905 000 111"


@pytest.mark.parametrize("bad", ["12345", "06620500012a", "0662050001234"])
def test_create_refuses_a_malformed_id_number(world, login, bad):
    url = reverse("members:member_create")
    response = login(world.secretary).post(url, member_data(unit=world.units.eaphe_t1.pk, id_number=bad))
    assert "12 chữ số" in response.content.decode()
    assert not Member.objects.exists()


def test_create_refuses_an_id_number_of_another_active_member(world, roll, login):
    url = reverse("members:member_create")
    response = login(world.secretary).post(url, member_data(unit=world.units.eaphe_t1.pk, id_number="066200000009"))
    assert "đã thuộc một đoàn viên đang sinh hoạt khác" in response.content.decode()
    assert not Member.objects.filter(full_name="Y Sơn Niê").exists()


def test_read_only_user_cannot_open_the_create_page(world, login):
    url = reverse("members:member_create") + f"?don_vi={world.units.eaphe.pk}"
    assert login(world.province).get(url).status_code == 403


def test_create_into_a_unit_of_another_district_is_404(world, login):
    url = reverse("members:member_create") + f"?don_vi={world.units.eaphe.pk}"
    assert login(world.outsider).post(url, member_data(unit=world.units.eaphe_t1.pk)).status_code == 404


def test_create_ignores_a_chi_doan_outside_the_users_units(world, login):
    response = login(world.secretary).post(reverse("members:member_create"), member_data(unit=world.units.tanloi_c1.pk))
    assert response.status_code == 200
    assert not Member.objects.exists()


# --- edit -------------------------------------------------------------------------------------------------


def _edit_data(member, **overrides):
    form = {
        "full_name": member.full_name,
        "birth_date": member.birth_date.strftime("%d/%m/%Y"),
        "gender": member.gender,
        "ethnicity": member.ethnicity,
        "joined_date": member.joined_date.strftime("%d/%m/%Y"),
        "id_number": member.id_number or "",
        "version": member.updated_at.isoformat(),
    }
    return member_data(**{**form, **overrides})


def test_edit_saves_and_history_shows_old_and_new(world, roll, login):
    client = login(world.secretary)
    url = reverse("members:member_edit", args=[roll.an.pk])
    response = client.post(url, _edit_data(roll.an, full_name="Nguyễn Văn Ân", phone="0912 000 111"))
    assert response.status_code == 302
    roll.an.refresh_from_db()
    assert roll.an.full_name == "Nguyễn Văn Ân" and roll.an.name_search == "nguyen van an"
    history = client.get(reverse("members:member_history", args=[roll.an.pk]))
    edit, creation = history_rows(history.content.decode())
    assert edit["Người thực hiện"] == "H' Linh (bithu.eaphe)" and edit["Nội dung"] == "Sửa hồ sơ"
    assert "Họ và tên: Nguyễn Văn An → Nguyễn Văn Ân" in edit["Thay đổi (cũ → mới)"]
    assert creation["Người thực hiện"] == "Hệ thống" and creation["Nội dung"] == "Tạo hồ sơ"


def test_a_save_without_its_version_is_refused_and_the_input_kept(world, roll, login):
    data = _edit_data(roll.an, phone="0912 345 678")
    del data["version"]
    response = login(world.secretary).post(reverse("members:member_edit", args=[roll.an.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [MISSING_VERSION]
    page = response.content.decode()
    assert "thiếu dấu phiên bản của hồ sơ" in page and "0912 345 678" in page
    roll.an.refresh_from_db()
    assert roll.an.phone == ""


def test_a_stale_save_is_refused_and_the_input_kept(world, roll, login):
    client = login(world.secretary)
    url = reverse("members:member_edit", args=[roll.an.pk])
    opened = _edit_data(roll.an, phone="0912 345 678")
    # Someone else saves first.
    login(world.kp_officer).post(url, _edit_data(roll.an, occupation="Giáo viên"))
    client = login(world.secretary)
    response = client.post(url, opened)
    assert response.status_code == 200
    page = response.content.decode()
    assert "vừa được người khác sửa" in page
    assert "0912 345 678" in page
    roll.an.refresh_from_db()
    assert roll.an.occupation == "Giáo viên" and roll.an.phone != "0912 345 678"
    # Saving the re-shown form again overwrites on purpose (it now carries the current version).
    again = {**opened, "version": response.context["form"]["version"].value()}
    assert client.post(url, again).status_code == 302
    roll.an.refresh_from_db()
    assert roll.an.phone == "0912 345 678"


def test_edit_is_403_for_read_only_and_404_for_outsider(world, roll, login):
    url = reverse("members:member_edit", args=[roll.an.pk])
    assert login(world.province).get(url).status_code == 403
    assert login(world.outsider).post(url, _edit_data(roll.an)).status_code == 404


# --- status -----------------------------------------------------------------------------------------------


def test_status_change_keeps_the_record_and_logs_it(world, roll, login):
    url = reverse("members:member_status", args=[roll.dang.pk])
    response = login(world.secretary).post(url, {"status": "truong_thanh", "reason": "Quá 30 tuổi"})
    assert response.status_code == 302
    roll.dang.refresh_from_db()
    assert roll.dang.status == MemberStatus.MATURED
    assert roll.dang.history.first().history_change_reason == "Trưởng thành Đoàn: Quá 30 tuổi"


def test_status_offers_only_allowed_transitions(world, roll, login):
    url = reverse("members:member_status", args=[roll.an.pk])
    response = login(world.secretary).post(url, {"status": "da_chuyen_di"})
    assert response.status_code == 200
    roll.an.refresh_from_db()
    assert roll.an.status == MemberStatus.ACTIVE


def test_status_is_403_read_only_and_404_outsider(world, roll, login):
    url = reverse("members:member_status", args=[roll.an.pk])
    assert login(world.province).post(url, {"status": "ra_khoi_doan"}).status_code == 403
    assert login(world.outsider).post(url, {"status": "ra_khoi_doan"}).status_code == 404
    roll.an.refresh_from_db()
    assert roll.an.status == MemberStatus.ACTIVE


def test_history_is_404_outside_the_scope(world, roll, login):
    assert login(world.outsider).get(reverse("members:member_history", args=[roll.an.pk])).status_code == 404


def test_every_form_page_carries_the_csrf_token(world, roll, client):
    # The test client skips CSRF checks, so look for the token itself: an included form without it fails in browsers.
    client.force_login(world.secretary)
    urls = [
        reverse("members:member_create") + f"?don_vi={world.units.eaphe.pk}",
        reverse("members:member_edit", args=[roll.an.pk]),
        reverse("members:member_status", args=[roll.an.pk]),
        reverse("members:transfer_create", args=[roll.an.pk]),
        reverse("members:party_introduction_create", args=[roll.an.pk]),
        reverse("members:youth_create", args=[world.units.eaphe.pk]),
        reverse("members:rating_sheet", args=[world.units.eaphe_t1.pk]),
    ]
    for url in urls:
        assert "csrfmiddlewaretoken" in client.get(url).content.decode(), url


def test_list_offers_the_subunits_to_narrow_to(world, roll, login):
    client = login(world.kp_officer)
    assert client.get(LIST).context["unit_choices"] == [world.units.kp]
    choices = client.get(LIST, {"don_vi": world.units.kp.pk}).context["unit_choices"]
    assert set(choices) == {world.units.eaphe, world.units.eakenh}


# --- names of members who moved out of the user's scope ---------------------------------------------------------


def move_to_tanloi(world, member):
    from members import services

    transfer = services.start_transfer(member=member, by=world.secretary, to_unit=world.units.tanloi)
    services.accept_transfer(transfer=transfer, by=world.bmt_secretary, assigned_unit=world.units.tanloi_c1)


def introduce(world, introducer, member):
    from members import services

    services.update_member(member=member, by=world.secretary, introducer=introducer)


def test_record_does_not_list_an_introducee_who_moved_to_another_district(world, roll, login):
    Member.objects.filter(pk__in=[roll.binh.pk, roll.dang.pk]).update(introducer=roll.an)
    move_to_tanloi(world, roll.binh)
    page = login(world.secretary).get(roll.an.get_absolute_url())
    assert [m.full_name for m in page.context["introduced"]] == ["Đặng Văn Đức"]
    assert "Trần Thị Bình" not in page.content.decode()
    # Tân Lợi, which now keeps her, cannot open Nguyễn Văn An at all; the province still sees both.
    assert len(login(world.province).get(roll.an.get_absolute_url()).context["introduced"]) == 2


def test_record_and_history_hide_the_name_of_an_introducer_who_moved_to_another_district(world, roll, login):
    introduce(world, roll.binh, roll.an)
    client = login(world.secretary)
    assert "Trần Thị Bình" in client.get(reverse("members:member_history", args=[roll.an.pk])).content.decode()
    move_to_tanloi(world, roll.binh)
    record = client.get(roll.an.get_absolute_url()).content.decode()
    assert "Trần Thị Bình" not in record and roll.binh.get_absolute_url() not in record
    assert "ngoài phạm vi" in record
    history = client.get(reverse("members:member_history", args=[roll.an.pk])).content.decode()
    assert "Trần Thị Bình" not in history and "ngoài phạm vi" in history
    assert "Trần Thị Bình" in login(world.province).get(roll.an.get_absolute_url()).content.decode()


def test_the_create_form_posted_twice_adds_one_member(world, login):
    url = reverse("members:member_create")
    client = login(world.secretary)
    data = member_data(unit=world.units.eaphe_t1.pk, id_number="")
    assert client.post(url, data).status_code == 302
    second = client.post(url, data)
    assert second.status_code == 200
    assert "có thể bạn vừa gửi biểu mẫu hai lần" in second.content.decode()
    assert Member.objects.filter(full_name="Y Sơn Niê").count() == 1
