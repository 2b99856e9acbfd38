import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from branches.models import Unit, UnitType
from tests.conftest import make_unit, sign_in
from tests.html import history_rows


def url(name, *args):
    return reverse(f"branches:{name}", args=args)


# Home lands each role on its own part of the tree.
@pytest.mark.parametrize(
    ("user", "unit"), [("secretary", "eaphe"), ("kp_officer", "kp"), ("outsider", "bmt"), ("province", "province")]
)
def test_home_redirects_to_the_users_unit(world, login, user, unit):
    response = login(getattr(world, user)).get("/")
    assert response.status_code == 302
    assert response.url == getattr(world.units, unit).get_absolute_url()


def test_home_without_role_explains_what_to_do(world, login):
    response = login(world.norole).get("/")
    assert "chưa được phân quyền" in response.content.decode()


def test_anonymous_user_is_sent_to_login(world, client):
    response = client.get(url("unit_detail", world.units.kp.pk))
    assert response.status_code == 302 and response.url.startswith("/dang-nhap/")


def test_unit_page_shows_children_counts_and_breadcrumb(world, login):
    response = login(world.kp_officer).get(url("unit_detail", world.units.eaphe.pk))
    html = response.content.decode()
    assert "Chi đoàn thôn 1" in html and "Chi đoàn thôn 2" in html
    assert "Huyện đoàn Krông Pắc" in html  # breadcrumb and reviewing superior
    # an ancestor outside the officer's scope is not linked
    assert f'href="{world.units.province.get_absolute_url()}"' not in html


def test_district_page_counts_grassroots_units_per_child(world, login):
    response = login(world.province).get(url("unit_detail", world.units.province.pk))
    children = {c.code: c for c in response.context["children"]}
    assert children["DL-KP"].grassroots_count == 2
    assert children["DL-BMT"].grassroots_count == 1
    assert response.context["grassroots_total"] == 3
    assert children["DL-KP"].branch_count == 3 and children["DL-BMT"].branch_count == 1
    assert response.context["branch_total"] == 4


def test_secretary_sees_the_reviewing_superior_unlinked(world, login):
    response = login(world.secretary).get(url("unit_detail", world.units.eaphe.pk))
    html = response.content.decode()
    assert "Đơn vị thẩm định: Huyện đoàn Krông Pắc" in html
    assert f'href="{world.units.kp.get_absolute_url()}"' not in html


def test_unit_page_query_count_does_not_grow_with_children(world, login):
    client = login(world.province)
    parent = world.units.bmt

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url("unit_detail", parent.pk)).status_code == 200
        return len(ctx.captured_queries)

    one = count()
    for i in range(49):
        make_unit(Unit.objects.get(pk=parent.pk), f"DL-BMT-X{i}", f"Đoàn phường X{i}", UnitType.GRASSROOTS)
    assert count() == one


def test_search_query_count_does_not_grow_with_results(world, login):
    client = login(world.province)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url("unit_search"), {"q": "phuong"}).status_code == 200
        return len(ctx.captured_queries)

    make_unit(world.units.bmt, "DL-BMT-P0", "Đoàn phường P0", UnitType.GRASSROOTS)
    one = count()
    for i in range(1, 50):
        make_unit(Unit.objects.get(pk=world.units.bmt.pk), f"DL-BMT-P{i}", f"Đoàn phường P{i}", UnitType.GRASSROOTS)
    assert count() == one


def test_search_stays_inside_the_users_scope(world, login):
    response = login(world.kp_officer).get(url("unit_search"), {"q": "doan"})
    codes = {u.code for u in response.context["page"].object_list}
    assert "DL-KP-EAPHE" in codes and "DL-BMT-TANLOI" not in codes


def test_search_within_a_unit_and_without_diacritics(world, login):
    response = login(world.province).get(url("unit_search"), {"q": "ea phe", "trong": world.units.kp.pk})
    assert [u.code for u in response.context["page"].object_list][0] == "DL-KP-EAPHE"
    assert "Huyện đoàn Krông Pắc" in response.content.decode()  # lineage of the result


def test_search_within_a_foreign_unit_is_404(world, login):
    response = login(world.kp_officer).get(url("unit_search"), {"q": "x", "trong": world.units.bmt.pk})
    assert response.status_code == 404


def test_create_unit_through_the_form(world, login):
    client = login(world.kp_officer)
    response = client.post(
        url("unit_create", world.units.kp.pk),
        {
            "unit_type": UnitType.GRASSROOTS,
            "code": "dl-kp-hoaan",
            "name": "  Đoàn xã  Hòa An ",
            "valid_from": "01/01/2026",
        },
    )
    unit = Unit.objects.get(code="DL-KP-HOAAN")
    assert response.status_code == 302 and response.url == unit.get_absolute_url()
    assert unit.name == "Đoàn xã Hòa An" and unit.valid_from.isoformat() == "2026-01-01"


def test_create_with_duplicate_code_shows_form_error_and_keeps_input(world, login):
    response = login(world.kp_officer).post(
        url("unit_create", world.units.kp.pk),
        {"unit_type": UnitType.GRASSROOTS, "code": "DL-KP-EAPHE", "name": "Đoàn xã Mới"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mã đơn vị đã được dùng" in html and "Đoàn xã Mới" in html
    assert Unit.objects.filter(name="Đoàn xã Mới").count() == 0


def test_create_with_bad_date_gives_vietnamese_message(world, login):
    response = login(world.kp_officer).post(
        url("unit_create", world.units.kp.pk),
        {"unit_type": UnitType.GRASSROOTS, "code": "DL-KP-X", "name": "X", "valid_from": "31/02/2026"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"valid_from": ["Nhập một ngày hợp lệ."]}
    html = response.content.decode()
    # The message stands under the field, and the date typed is kept for the user to correct.
    assert re.search(r'id="id_valid_from_error"[^>]*>\s*<p[^>]*><strong>Nhập một ngày hợp lệ\.</strong>', html)
    assert 'value="31/02/2026"' in html
    assert not Unit.objects.filter(code="DL-KP-X").exists()


def test_posting_the_create_form_twice_makes_one_unit(world, login):
    client = login(world.kp_officer)
    data = {"unit_type": UnitType.GRASSROOTS, "code": "DL-KP-HOAAN", "name": "Đoàn xã Hòa An"}
    client.post(url("unit_create", world.units.kp.pk), data)
    second = client.post(url("unit_create", world.units.kp.pk), data)
    assert second.status_code == 200 and "Mã đơn vị đã được dùng" in second.content.decode()
    assert Unit.objects.filter(code="DL-KP-HOAAN").count() == 1


def test_secretary_cannot_open_the_edit_form(world, login):
    assert login(world.secretary).get(url("unit_edit", world.units.eaphe.pk)).status_code == 403


def test_edit_saves_and_stale_edit_is_refused_with_input_kept(world, login):
    client = login(world.kp_officer)
    unit = world.units.eakenh
    form = client.get(url("unit_edit", unit.pk)).context["form"]
    stale = form["version"].value()
    data = {
        "code": unit.code,
        "name": "Đoàn xã Ea Kênh mới",
        "short_name": "",
        "doc_code": "ĐTN",
        "place_name": "",
        "valid_from": "",
        "version": stale,
    }
    assert client.post(url("unit_edit", unit.pk), data).status_code == 302
    data["name"] = "Lần sửa thứ hai"
    response = client.post(url("unit_edit", unit.pk), data)
    assert response.status_code == 200
    assert "vừa được người khác sửa" in response.content.decode()
    assert "Lần sửa thứ hai" in response.content.decode()
    assert Unit.objects.get(pk=unit.pk).name == "Đoàn xã Ea Kênh mới"


def test_move_form_refuses_own_descendant_as_parent(world, login):
    client = login(world.province)
    # The form offers only valid parents; a posted descendant id is rejected by the form.
    response = client.post(url("unit_move", world.units.kp.pk), {"new_parent": world.units.eaphe.pk})
    assert response.status_code == 200
    assert Unit.objects.get(pk=world.units.eaphe.pk).reviewing_superior() == world.units.kp


def test_move_through_the_form(world, login):
    response = login(world.province).post(url("unit_move", world.units.eakenh.pk), {"new_parent": world.units.bmt.pk})
    assert response.status_code == 302
    assert Unit.objects.get(pk=world.units.eakenh.pk).reviewing_superior() == world.units.bmt


def picker_labels(response) -> list[str]:
    assert response.status_code == 200
    return [result["label"] for result in response.json()["results"]]


def test_move_form_lists_no_unit_and_its_picker_answers_only_valid_parents(world, login):
    client = login(world.province)
    page = client.get(url("unit_move", world.units.eakenh.pk)).content.decode()
    picker = reverse("branches:unit_move_picker", args=[world.units.eakenh.pk])
    assert f'data-picker-url="{picker}"' in page
    assert "<option" not in page
    # A grassroots unit goes under a district or the province: typed without diacritics, never under a commune.
    assert picker_labels(client.get(picker, {"q": "doan"})) == [
        "Tỉnh đoàn Đắk Lắk (DL)",
        "Huyện đoàn Krông Pắc (DL-KP)",
        "Thành đoàn Buôn Ma Thuột (DL-BMT)",
    ]
    assert picker_labels(client.get(picker, {"q": "buon ma thuot"})) == ["Thành đoàn Buôn Ma Thuột (DL-BMT)"]
    assert picker_labels(client.get(picker, {"q": ""})) == []


def test_a_district_officer_picks_a_successor_among_its_own_units_only(world, login):
    client = login(world.kp_officer)
    picker = reverse("branches:unit_successor_picker", args=[world.units.eakenh.pk])
    page = client.get(url("unit_dissolve", world.units.eakenh.pk)).content.decode()
    assert f'data-picker-url="{picker}"' in page
    # Ea Phê is a sibling in Krông Pắc; Tân Lợi (Buôn Ma Thuột) is outside the officer's scope.
    assert picker_labels(client.get(picker, {"q": "doan"})) == ["Đoàn xã Ea Phê (DL-KP-EAPHE)"]
    assert picker_labels(client.get(picker, {"q": "tan loi"})) == []
    response = client.post(
        url("unit_dissolve", world.units.eakenh.pk),
        {"on": "01/07/2025", "confirm": "on", "successor": world.units.tanloi.pk},
    )
    assert response.status_code == 200
    assert Unit.objects.get(pk=world.units.eakenh.pk).valid_to is None


def test_dissolve_needs_confirmation_and_date(world, login):
    client = login(world.kp_officer)
    response = client.post(url("unit_dissolve", world.units.eakenh.pk), {"on": "01/07/2025"})
    assert response.status_code == 200 and Unit.objects.get(pk=world.units.eakenh.pk).valid_to is None
    response = client.post(url("unit_dissolve", world.units.eakenh.pk), {"on": "01/07/2025", "confirm": "on"})
    assert response.status_code == 302 and Unit.objects.get(pk=world.units.eakenh.pk).valid_to is not None


def test_editing_a_dissolved_unit_is_refused(world, login):
    client = login(world.kp_officer)
    client.post(url("unit_dissolve", world.units.eakenh.pk), {"on": "01/07/2025", "confirm": "on"})
    response = client.get(url("unit_edit", world.units.eakenh.pk), follow=True)
    assert "đã giải thể" in response.content.decode()
    assert "Đã giải thể" in client.get(url("unit_detail", world.units.kp.pk)).content.decode()


def test_history_page_shows_who_and_old_to_new(world, login):
    client = login(world.kp_officer)
    unit = world.units.eakenh
    data = {
        "code": unit.code,
        "name": "Đoàn xã Ea Kuăng",
        "short_name": "",
        "doc_code": "",
        "place_name": "",
        "valid_from": "",
    }
    client.post(url("unit_edit", unit.pk), data)
    rows = history_rows(client.get(url("unit_history", unit.pk)).content.decode())
    assert [row["Người thực hiện"] for row in rows] == ["canbo.krongpac", "Hệ thống"]
    assert rows[0]["Nội dung"] == "Sửa thông tin đơn vị"
    assert "Tên đơn vị: Đoàn xã Ea Kênh → Đoàn xã Ea Kuăng" in rows[0]["Thay đổi (cũ → mới)"]


def test_terms_page_for_province_committee(world, login):
    client = login(world.province)
    response = client.post(
        url("unit_terms", world.units.province.pk),
        {"name": "Nhiệm kỳ 2022 – 2027", "start_year": 2022, "end_year": 2027},
    )
    assert response.status_code == 302
    assert world.units.province.terms.count() == 1
    bad = client.post(url("unit_terms", world.units.province.pk), {"name": "X", "start_year": 2027, "end_year": 2022})
    assert "Năm kết thúc phải sau năm bắt đầu" in bad.content.decode()


def test_terms_page_is_404_outside_the_root_scope(world, login):
    assert login(world.kp_officer).get(url("unit_terms", world.units.province.pk)).status_code == 404


@pytest.mark.parametrize(
    ("user", "path"),
    [
        ("kp_officer", lambda u: url("unit_create", u.kp.pk)),
        ("kp_officer", lambda u: url("unit_edit", u.eaphe.pk)),
        ("kp_officer", lambda u: url("unit_move", u.eaphe.pk)),
        ("kp_officer", lambda u: url("unit_dissolve", u.eaphe.pk)),
        ("kp_officer", lambda u: url("unit_accounts", u.eaphe.pk)),
        ("province", lambda u: url("unit_terms", u.province.pk)),
        ("secretary", lambda u: reverse("password_change")),
    ],
)
def test_every_form_carries_a_csrf_token(world, user, path):
    from django.test import Client

    client = sign_in(Client(enforce_csrf_checks=True), getattr(world, user))
    html = client.get(path(world.units)).content.decode()
    assert 'name="csrfmiddlewaretoken" value="' in html
    assert 'name="csrfmiddlewaretoken" value=""' not in html


def test_create_unit_with_the_real_csrf_token(world):
    import re

    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.kp_officer)
    html = client.get(url("unit_create", world.units.kp.pk)).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    data = {
        "unit_type": UnitType.GRASSROOTS,
        "code": "DL-KP-HOAAN",
        "name": "Đoàn xã Hòa An",
        "csrfmiddlewaretoken": token,
    }
    assert client.post(url("unit_create", world.units.kp.pk), data).status_code == 302
