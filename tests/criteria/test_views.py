"""Pages of the catalogue: each view's success, wrong method, outsider 404, read-only 403 and side effects."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from common.locking import MISSING_VERSION, version_token
from criteria import services
from criteria.models import CriteriaItem, CriteriaSet, ItemKind, LocalItem, SetStatus


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    """Local items are offered for this year and next: pin "today" inside the 2023–2027 period."""
    monkeypatch.setattr("criteria.views.timezone.localdate", lambda: datetime.date(2026, 11, 27))
    monkeypatch.setattr("criteria.panels.timezone.localdate", lambda: datetime.date(2026, 11, 27))


def _item(criteria_set, code):
    return CriteriaItem.objects.get(group__criteria_set=criteria_set, code=code)


def _local(world, year=2027, **extra):
    fields = {"group_number": 3, "kind": ItemKind.CHECK, "text": "Tham gia ngày hội cà phê Buôn Ma Thuột", **extra}
    return services.add_local_item(unit=world.units.kp, by=world.kp_officer, year=year, **fields)


# --- list and detail ---------------------------------------------------------------------------------------


def test_everyone_sees_published_sets_and_only_editors_see_drafts(world, login, published, draft):
    page = login(world.secretary).get(reverse("criteria:set_list")).content.decode()
    assert (
        "Đoàn cơ sở 3 chủ động giai đoạn 2018 – 2022" in page and "Đoàn cơ sở 3 chủ động giai đoạn 2023 – 2027" in page
    )
    assert "Bản nháp" not in page
    assert "Bản nháp" in login(world.province).get(reverse("criteria:set_list")).content.decode()


def test_set_list_queries_do_not_grow_with_rows(world, login, published):
    client = login(world.province)
    client.get(reverse("criteria:set_list"))  # warm up session and caches

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("criteria:set_list")).status_code == 200
        return len(queries)

    one = count()
    for _ in range(49):
        services.copy_set(criteria_set=published, by=world.province)
        CriteriaSet.objects.filter(status="draft").update(status="archived")  # one draft at a time
    assert CriteriaSet.objects.count() >= 50
    assert count() == one


def test_set_detail_shows_items_with_evidence_and_levels(world, login, published):
    response = login(world.secretary).get(reverse("criteria:set_detail", args=[published.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Chủ động rà soát, thống kê, lập danh sách những đoàn viên" in page
    assert "Danh sách thanh thiếu niên có hoàn cảnh khó khăn" in page  # evidence beside the item
    assert "Đạt “Đoàn cơ sở 3 chủ động” – Xuất sắc" in page and "80%" in page
    assert "Sao chép thành bản nháp mới" not in page  # read-only


def test_set_detail_queries_are_fixed(world, login, published):
    client = login(world.province)
    client.get(reverse("criteria:set_detail", args=[published.pk]))
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("criteria:set_detail", args=[published.pk]))
    assert len(queries) <= 12


def test_draft_is_404_for_others(world, login, draft):
    assert login(world.kp_officer).get(reverse("criteria:set_detail", args=[draft.pk])).status_code == 404


def test_grassroots_secretary_sees_the_local_items_of_their_district(world, login, published):
    _local(world)
    services.add_local_item(
        unit=world.units.bmt, by=world.outsider, year=2027, group_number=1, kind=ItemKind.CHECK, text="Riêng BMT"
    )
    page = login(world.secretary).get(reverse("criteria:set_detail", args=[published.pk])).content.decode()
    assert "Tiêu chí địa phương của Huyện đoàn Krông Pắc" in page
    assert "Tham gia ngày hội cà phê Buôn Ma Thuột" in page
    assert "Riêng BMT" not in page


# --- editing a draft ---------------------------------------------------------------------------------------


def test_province_edits_a_draft_item(world, login, draft):
    item = _item(draft, "1.1")
    url = reverse("criteria:item_edit", args=[item.pk])
    client = login(world.province)
    assert client.get(url).status_code == 200
    data = {"code": "1.1", "text": "Nội dung mới", "evidence": "Minh chứng mới", "kind": "points", "max_points": "8.5"}
    response = client.post(url, {**data, "version": version_token(item)})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.text, item.max_points) == ("Nội dung mới", Decimal("8.5"))


def test_item_points_must_be_half_points(world, login, draft):
    item = _item(draft, "1.1")
    data = {"code": "1.1", "text": "x", "kind": "points", "max_points": "7.3", "version": version_token(item)}
    response = login(world.province).post(reverse("criteria:item_edit", args=[item.pk]), data)
    assert response.status_code == 200
    assert "Điểm phải theo bậc 0,5" in response.content.decode()


def test_second_officer_saving_the_same_item_is_told_and_keeps_their_input(world, login, draft):
    item = _item(draft, "1.1")
    stale = version_token(item)
    services.update_item(item=item, by=world.admin, expected_version=stale, text="Bản đã lưu trước")
    url = reverse("criteria:item_edit", args=[item.pk])
    data = {"code": "1.1", "text": "Bản tôi đang gõ", "kind": "points", "max_points": "7", "version": stale}
    response = login(world.province).post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "vừa được người khác sửa" in page
    assert "Bản tôi đang gõ" in page  # the user's input is kept
    item.refresh_from_db()
    assert item.text == "Bản đã lưu trước"
    # Saving again on purpose goes through (the form now carries the fresh version).
    assert response.context["form"]["version"].value() == version_token(item)


def test_an_edit_posted_without_its_version_is_refused_and_keeps_the_input(world, login, draft):
    item = _item(draft, "1.1")
    data = {"code": "1.1", "text": "Bản không có phiên bản", "kind": "points", "max_points": "7"}
    response = login(world.province).post(reverse("criteria:item_edit", args=[item.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [MISSING_VERSION]
    page = response.content.decode()
    assert "thiếu dấu phiên bản" in page and "Bản không có phiên bản" in page
    item.refresh_from_db()
    assert item.text != "Bản không có phiên bản"


def test_form_views_refuse_other_methods(world, login, draft):
    client = login(world.province)
    assert client.put(reverse("criteria:set_edit", args=[draft.pk])).status_code == 405
    assert client.delete(reverse("criteria:local_item_create", args=[world.units.kp.pk])).status_code == 405


def test_editing_a_published_set_is_refused_with_the_offer_to_copy(world, login, published):
    client = login(world.province)
    response = client.get(reverse("criteria:item_edit", args=[_item(published, "1.1").pk]), follow=True)
    page = response.content.decode()
    assert "đã công bố nên không sửa được" in page
    assert "Sao chép thành bản nháp mới" in page


def test_read_only_user_gets_403_on_editing_a_published_set(world, login, published):
    client = login(world.kp_officer)
    assert client.get(reverse("criteria:set_edit", args=[published.pk])).status_code == 403
    assert client.post(reverse("criteria:set_copy", args=[published.pk])).status_code == 403
    assert client.post(reverse("criteria:item_remove", args=[_item(published, "1.1").pk])).status_code == 403


def test_set_edit_changes_details(world, login, draft):
    url = reverse("criteria:set_edit", args=[draft.pk])
    data = {
        "name": draft.name,
        "first_year": 2023,
        "last_year": 2027,
        "central_document": "18-HD/TWĐTN-BTC",
        "provincial_document": "12-HD/TĐTN-TCKT",
        "max_total": "100",
        "local_points_allowance": "5",
        "version": version_token(draft),
    }
    assert login(world.province).post(url, data).status_code == 302
    draft.refresh_from_db()
    assert (draft.provincial_document, draft.local_points_allowance) == ("12-HD/TĐTN-TCKT", 5)


def test_group_edit_and_item_create(world, login, draft):
    client = login(world.province)
    group = draft.groups.get(number=3)
    data = {"title": group.title, "max_points": "31", "version": version_token(group)}
    assert client.post(reverse("criteria:group_edit", args=[draft.pk, 3]), data).status_code == 302
    data = {"code": "3.6", "text": "Tiêu chí mới", "evidence": "", "kind": "check", "max_points": "1"}
    assert client.post(reverse("criteria:item_create", args=[draft.pk, 3]), data).status_code == 302
    assert [i.code for i in draft.groups.get(number=3).items.all()][-1] == "3.6"
    assert client.get(reverse("criteria:group_edit", args=[draft.pk, 9])).status_code == 404


def test_item_remove_and_move_are_post_only(world, login, draft):
    client = login(world.province)
    item = _item(draft, "2.2")
    assert client.get(reverse("criteria:item_remove", args=[item.pk])).status_code == 405
    assert client.get(reverse("criteria:item_move", args=[item.pk, "len"])).status_code == 405
    assert client.post(reverse("criteria:item_move", args=[item.pk, "len"])).status_code == 302
    assert [i.code for i in draft.groups.get(number=2).items.all()][:2] == ["2.2", "2.1"]
    assert client.post(reverse("criteria:item_move", args=[item.pk, "ngang"])).status_code == 404
    assert client.post(reverse("criteria:item_remove", args=[item.pk])).status_code == 302
    assert not CriteriaItem.objects.filter(pk=item.pk).exists()
    assert CriteriaItem.all_objects.filter(pk=item.pk).exists()


def test_level_edit_takes_a_percentage(world, login, draft):
    level = draft.levels.get(code="dat")
    data = {
        "code": "dat",
        "name": level.name,
        "short_name": "Đạt",
        "min_total": "75",
        "min_group_percent": "65",
        "version": version_token(level),
    }
    assert (
        login(world.province).post(reverse("criteria:level_edit", args=[draft.pk, level.pk]), data).status_code == 302
    )
    level.refresh_from_db()
    assert (level.min_total, level.min_group_ratio) == (Decimal(75), Decimal("0.65"))


def test_level_create_and_remove(world, login, draft):
    client = login(world.province)
    data = {"code": "kha", "name": "Khá", "short_name": "Khá", "min_total": "50", "min_group_percent": "40"}
    assert client.post(reverse("criteria:level_create", args=[draft.pk]), data).status_code == 302
    level = draft.levels.get(code="kha")
    assert client.get(reverse("criteria:level_remove", args=[draft.pk, level.pk])).status_code == 405
    assert client.post(reverse("criteria:level_remove", args=[draft.pk, level.pk])).status_code == 302
    assert not draft.levels.filter(code="kha").exists()


# --- lifecycle ---------------------------------------------------------------------------------------------


def test_publish_inconsistent_draft_says_what_does_not_add_up(world, login, draft):
    services.update_item(item=_item(draft, "3.2"), by=world.province, max_points=Decimal(7))
    response = login(world.province).post(reverse("criteria:set_publish", args=[draft.pk]))
    assert response.status_code == 400
    assert "Nhóm 3: tổng điểm các tiêu chí là 31, khác điểm tối đa của nhóm (30)." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == SetStatus.DRAFT


def test_publish_asks_for_confirmation_showing_what_changed(world, login, published, draft):
    services.update_item(item=_item(draft, "1.1"), by=world.province, max_points=Decimal(8))
    services.update_item(item=_item(draft, "1.2"), by=world.province, max_points=Decimal(9))
    url = reverse("criteria:set_publish", args=[draft.pk])
    detail = login(world.province).get(draft.get_absolute_url()).content.decode()
    assert f'href="{url}"' in detail  # a link to the confirmation, not a one-click form
    response = login(world.province).get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Tiêu chí 1.1: điểm tối đa: 7 → 8" in page and "Tiêu chí 1.2: điểm tối đa: 10 → 9" in page
    assert "Xác nhận công bố" in page
    draft.refresh_from_db()
    assert draft.status == SetStatus.DRAFT  # looking changes nothing


def test_publish_refuses_a_draft_identical_to_the_version_in_force(world, login, published, draft):
    url = reverse("criteria:set_publish", args=[draft.pk])
    page = login(world.province).get(url).content.decode()
    assert "giống hệt phiên bản 1 đang áp dụng" in page and "Xác nhận công bố" not in page
    response = login(world.province).post(url)
    assert response.status_code == 400 and "giống hệt phiên bản 1" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == SetStatus.DRAFT


def test_publish_confirmation_is_for_editors_only(world, login, published, draft):
    assert login(world.secretary).get(reverse("criteria:set_publish", args=[draft.pk])).status_code == 404


def test_versions_list_links_drafts_for_editors_only(world, login, published, draft):
    draft_url = draft.get_absolute_url()
    assert draft_url not in login(world.secretary).get(published.get_absolute_url()).content.decode()
    assert draft_url not in login(world.kp_officer).get(published.get_absolute_url()).content.decode()
    assert draft_url in login(world.province).get(published.get_absolute_url()).content.decode()


def test_publish_copy_and_archive(world, login, published, draft):
    client = login(world.province)
    services.update_item(item=_item(draft, "1.1"), by=world.province, text="Nội dung mới của tiêu chí 1.1")
    assert client.put(reverse("criteria:set_publish", args=[draft.pk])).status_code == 405
    assert client.post(reverse("criteria:set_publish", args=[draft.pk])).status_code == 302
    draft.refresh_from_db()
    published.refresh_from_db()
    assert (draft.status, published.status) == (SetStatus.PUBLISHED, SetStatus.ARCHIVED)
    response = client.post(reverse("criteria:set_copy", args=[draft.pk]))
    third = CriteriaSet.objects.get(code=draft.code, version=3)
    assert response["Location"] == third.get_absolute_url()
    assert client.post(reverse("criteria:set_archive", args=[draft.pk])).status_code == 302
    draft.refresh_from_db()
    assert draft.status == SetStatus.ARCHIVED


def test_anyone_downloads_the_set_as_pdf_and_excel(world, login, published):
    client = login(world.secretary)
    pdf = client.get(reverse("criteria:set_pdf", args=[published.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert 'filename="bo-tieu-chi-3cd-2023-2027.pdf"' in pdf["Content-Disposition"]
    xlsx = client.get(reverse("criteria:set_xlsx", args=[published.pk]))
    assert xlsx.status_code == 200 and xlsx.content.startswith(b"PK")


# --- local items -------------------------------------------------------------------------------------------


def test_district_officer_adds_a_local_check_item_for_next_year(world, login, published):
    client = login(world.kp_officer)
    url = reverse("criteria:local_item_create", args=[world.units.kp.pk])
    page = client.get(url).content.decode()
    assert '<option value="2027">2027</option>' in page and '<option value="2026">2026</option>' in page
    data = {
        "year": "2027",
        "group_number": "3",
        "text": "Tham gia trồng cây",
        "evidence": "Ảnh",
        "kind": "check",
        "max_points": "0",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    item = LocalItem.objects.get(unit=world.units.kp)
    assert (item.year, item.code, item.kind, item.created_by) == (2027, "ĐP3.1", "check", world.kp_officer)


def test_local_item_year_must_be_offered(world, login, published):
    data = {"year": "2031", "group_number": "1", "text": "x", "kind": "check", "max_points": "0"}
    response = login(world.kp_officer).post(reverse("criteria:local_item_create", args=[world.units.kp.pk]), data)
    assert response.status_code == 200 and not LocalItem.objects.exists()


def test_local_item_create_outsider_404_read_only_403(world, login, published):
    url = reverse("criteria:local_item_create", args=[world.units.kp.pk])
    assert login(world.outsider).get(url).status_code == 404
    assert (
        login(world.secretary).get(reverse("criteria:local_item_create", args=[world.units.eaphe.pk])).status_code
        == 403
    )


def test_local_items_page_for_district_and_for_its_grassroots_unit(world, login, published):
    _local(world)
    page = login(world.kp_officer).get(reverse("criteria:local_items", args=[world.units.kp.pk])).content.decode()
    assert "Tham gia ngày hội cà phê Buôn Ma Thuột" in page and "Thêm tiêu chí địa phương" in page
    page = login(world.secretary).get(reverse("criteria:local_items", args=[world.units.eaphe.pk])).content.decode()
    assert "Tham gia ngày hội cà phê Buôn Ma Thuột" in page and "Thêm tiêu chí địa phương" not in page
    assert login(world.outsider).get(reverse("criteria:local_items", args=[world.units.kp.pk])).status_code == 404


def test_local_items_page_queries_do_not_grow_with_rows(world, login, published):
    client = login(world.kp_officer)
    url = reverse("criteria:local_items", args=[world.units.kp.pk])
    _local(world)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    client.get(url)
    one = count()
    for n in range(49):
        _local(world, year=2026 + n % 2, text=f"Tiêu chí {n}")
    assert LocalItem.objects.count() == 50
    assert count() == one


def test_local_item_edit_and_remove(world, login, published):
    item = _local(world)
    client = login(world.kp_officer)
    url = reverse("criteria:local_item_edit", args=[item.pk])
    data = {
        "group_number": "2",
        "text": "Đã sửa",
        "evidence": "",
        "kind": "check",
        "max_points": "0",
        "version": version_token(item),
    }
    assert client.post(url, data).status_code == 302
    item.refresh_from_db()
    assert (item.text, item.group_number, item.year) == ("Đã sửa", 2, 2027)
    remove = reverse("criteria:local_item_remove", args=[item.pk])
    assert client.get(remove).status_code == 405
    assert login(world.outsider).post(remove).status_code == 404
    assert login(world.kp_officer).post(remove).status_code == 302
    assert not LocalItem.objects.filter(pk=item.pk).exists()


def test_unit_page_panel_shows_local_items(world, login, published):
    _local(world)
    page = login(world.secretary).get(world.units.eaphe.get_absolute_url()).content.decode()
    assert "Tiêu chí địa phương của Huyện đoàn Krông Pắc" in page
    assert "Tham gia ngày hội cà phê Buôn Ma Thuột" in page


def test_nav_has_the_criteria_link(world, login):
    page = login(world.secretary).get(reverse("criteria:set_list")).content.decode()
    assert f'href="{reverse("criteria:set_list")}">Tiêu chí</a>' in page


def test_local_item_form_says_when_no_published_set_covers_the_years(world, login, published, monkeypatch):
    monkeypatch.setattr("criteria.views.timezone.localdate", lambda: datetime.date(2031, 3, 1))
    page = login(world.kp_officer).get(reverse("criteria:local_item_create", args=[world.units.kp.pk])).content.decode()
    assert "chưa có bộ tiêu chí nào đã công bố" in page


def test_edit_forms_show_plain_numbers():
    from decimal import Decimal

    from criteria.forms import plain_number

    assert [plain_number(Decimal(v)) for v in ["7.0", "6.50", "8E+1", "90.0", "0.5"]] == ["7", "6.5", "80", "90", "0.5"]


def test_level_form_shows_percent_and_points_without_exponent(db):
    from criteria.forms import LevelForm
    from criteria.models import ResultLevel

    level = ResultLevel.objects.filter(code="xuat_sac").first()
    html = str(LevelForm(instance=level))
    assert 'value="80"' in html and 'value="90"' in html
    assert "E+" not in html


def test_copying_twice_keeps_one_draft(world, login, published):
    client = login(world.province)
    url = reverse("criteria:set_copy", args=[published.pk])
    first = client.post(url)
    second = client.post(url, follow=True)
    assert first.status_code == 302
    assert CriteriaSet.objects.filter(code=published.code, status="draft").count() == 1
    assert "Đã có bản nháp phiên bản" in second.content.decode()
