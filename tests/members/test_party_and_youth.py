"""Party introductions and the youth lists (sensitive data: only the unit and its superiors)."""

from django.urls import reverse

from members.models import PartyIntroduction, PartyOutcome, YouthCategory, YouthRecord


def test_secretary_introduces_a_member_to_the_party(world, roll, login):
    url = reverse("members:party_introduction_create", args=[roll.an.pk])
    response = login(world.secretary).post(url, {"year": 2026, "introduced_date": "15/04/2026", "resolution": "NQ 05"})
    assert response.status_code == 302
    introduction = PartyIntroduction.objects.get(member=roll.an)
    assert introduction.year == 2026 and introduction.outcome == PartyOutcome.PENDING


def test_the_same_year_is_refused_twice(world, roll, login):
    url = reverse("members:party_introduction_create", args=[roll.an.pk])
    client = login(world.secretary)
    client.post(url, {"year": 2026})
    response = client.post(url, {"year": 2026})
    assert "đã được giới thiệu trong năm 2026" in response.content.decode()
    assert PartyIntroduction.objects.count() == 1


def test_admission_to_the_party_updates_the_member(world, roll, login):
    introduction = PartyIntroduction.objects.create(member=roll.an, year=2026)
    url = reverse("members:party_outcome", args=[introduction.pk])
    client = login(world.secretary)
    response = client.post(url, {"outcome": "da_ket_nap", "admitted_date": ""})
    assert response.status_code == 200  # the date is required
    client.post(url, {"outcome": "da_ket_nap", "admitted_date": "19/05/2026"})
    roll.an.refresh_from_db()
    assert roll.an.is_party_member and roll.an.party_joined_date.isoformat() == "2026-05-19"
    assert roll.an.history.first().history_change_reason == "Kết nạp Đảng"


def test_party_pages_are_read_only_for_the_province_and_404_outside(world, roll, login):
    create = reverse("members:party_introduction_create", args=[roll.an.pk])
    assert login(world.province).post(create, {"year": 2026}).status_code == 403
    assert login(world.outsider).post(create, {"year": 2026}).status_code == 404
    introduction = PartyIntroduction.objects.create(member=roll.an, year=2026)
    outcome = reverse("members:party_outcome", args=[introduction.pk])
    assert login(world.province).post(outcome, {"outcome": "da_ket_nap"}).status_code == 403
    assert login(world.outsider).get(outcome).status_code == 404


def test_party_list_by_year(world, roll, login):
    PartyIntroduction.objects.create(member=roll.an, year=2026)
    PartyIntroduction.objects.create(member=roll.binh, year=2025)
    response = login(world.kp_officer).get(reverse("members:party_list", args=[world.units.kp.pk]), {"nam": 2026})
    assert [i.member for i in response.context["introductions"]] == [roll.an]


def youth_data(**overrides):
    data = {
        "category": YouthCategory.DIFFICULT,
        "full_name": "Y Bhin Mlô",
        "birth_year": 2009,
        "gender": "nam",
        "religion": "",
        "residence": "Buôn Ea Kmar",
        "member": "",
        "circumstances": "Mồ côi cha, gia đình hộ nghèo",
        "help_plan": "Vận động học bổng, tặng xe đạp",
        "help_done": "",
    }
    return {**data, **overrides}


def test_secretary_adds_and_updates_a_youth_record(world, roll, login):
    client = login(world.secretary)
    client.post(reverse("members:youth_create", args=[world.units.eaphe.pk]), youth_data())
    record = YouthRecord.objects.get()
    assert record.unit == world.units.eaphe and record.created_by == world.secretary
    data = youth_data(help_done="Đã trao học bổng 2 triệu đồng", is_open="on", version=record.updated_at.isoformat())
    response = client.post(reverse("members:youth_edit", args=[record.pk]), data)
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.help_done.startswith("Đã trao") and record.history.count() == 2


def test_youth_edit_refuses_a_stale_save(world, login):
    record = YouthRecord.objects.create(unit=world.units.eaphe, full_name="Y Bhin Mlô", category="yeu_the")
    stale = youth_data(version="2020-01-01T00:00:00+00:00", help_done="Mới")
    response = login(world.secretary).post(reverse("members:youth_edit", args=[record.pk]), stale)
    assert "vừa được người khác sửa" in response.content.decode()
    record.refresh_from_db()
    assert record.help_done == ""


def test_youth_lists_are_visible_only_to_the_unit_and_superiors(world, login):
    YouthRecord.objects.create(unit=world.units.eaphe, full_name="Y Bhin Mlô", category="ton_giao")
    url = reverse("members:youth_list", args=[world.units.eaphe.pk])
    for user in (world.secretary, world.kp_officer, world.province):
        assert "Y Bhin Mlô" in login(user).get(url).content.decode()
    assert login(world.outsider).get(url).status_code == 404
    # Ea Kênh's secretary-level scope does not reach Ea Phê either; the district's list shows it.
    district = login(world.kp_officer).get(reverse("members:youth_list", args=[world.units.kp.pk]))
    assert "Y Bhin Mlô" in district.content.decode()


def test_youth_pages_are_read_only_for_the_province(world, login):
    record = YouthRecord.objects.create(unit=world.units.eaphe, full_name="Y Bhin Mlô", category="ton_giao")
    client = login(world.province)
    assert client.post(reverse("members:youth_create", args=[world.units.eaphe.pk]), youth_data()).status_code == 403
    assert client.get(reverse("members:youth_edit", args=[record.pk])).status_code == 403
    assert YouthRecord.objects.count() == 1


def test_youth_list_filters_by_category_and_hides_closed_records(world, login):
    YouthRecord.objects.create(unit=world.units.eaphe, full_name="Một", category="ton_giao")
    YouthRecord.objects.create(unit=world.units.eaphe, full_name="Hai", category="yeu_the")
    YouthRecord.objects.create(unit=world.units.eaphe, full_name="Ba", category="yeu_the", is_open=False)
    url = reverse("members:youth_list", args=[world.units.eaphe.pk])
    client = login(world.secretary)
    assert [r.full_name for r in client.get(url, {"nhom": "yeu_the"}).context["records"]] == ["Hai"]
    assert len(client.get(url, {"da_dong": "1"}).context["records"]) == 3
