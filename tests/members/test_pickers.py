"""Pickers of members and units: the form renders only the chosen value; the server answers a typed search,
scoped to the user, diacritic-free, at most 20 answers."""

from django.urls import reverse

from members.models import MemberStatus, YouthRecord
from members.views import roster
from tests.members.conftest import make_member
from tests.members.test_member_views import member_data
from tests.members.test_party_and_youth import youth_data


def answers(response) -> list[str]:
    assert response.status_code == 200
    return [result["label"].split(" – ")[0] for result in response.json()["results"]]


def picker(unit) -> str:
    return reverse("members:member_picker", args=[unit.pk])


def test_youth_form_lists_no_member_and_points_its_picker_at_the_unit(world, roll, login):
    response = login(world.secretary).get(reverse("members:youth_create", args=[world.units.eaphe.pk]))
    page = response.content.decode()
    assert "Nguyễn Văn An" not in page and "Trần Thị Bình" not in page
    assert f'data-picker-url="{picker(world.units.eaphe)}"' in page
    assert 'role="combobox"' in page


def test_member_search_ignores_diacritics_and_keeps_to_active_members_of_the_subtree(world, roll, login):
    roll.binh.status = MemberStatus.LEFT
    roll.binh.save()
    client = login(world.kp_officer)
    assert answers(client.get(picker(world.units.eaphe), {"q": "nguyen van an"})) == ["Nguyễn Văn An"]
    assert answers(client.get(picker(world.units.eaphe), {"q": "binh"})) == []  # no longer active
    assert answers(client.get(picker(world.units.eaphe), {"q": "nie"})) == []  # Ea Kênh, another subtree
    assert answers(client.get(picker(world.units.kp), {"q": "nie"})) == ["H'Hen Niê"]
    assert answers(client.get(picker(world.units.kp), {"q": "066200000001"})) == ["Nguyễn Văn An"]
    assert answers(client.get(picker(world.units.kp), {"q": ""})) == []


def test_member_search_answers_at_most_twenty(world, login):
    for n in range(25):
        make_member(world.units.eaphe_t1, f"Nguyễn Văn Tâm {chr(65 + n)}")
    assert len(answers(login(world.secretary).get(picker(world.units.eaphe), {"q": "nguyen van tam"}))) == 20


def test_member_search_outside_the_scope_is_404(world, roll, login):
    assert login(world.outsider).get(picker(world.units.eaphe), {"q": "an"}).status_code == 404
    assert login(world.secretary).get(picker(world.units.tanloi), {"q": "cuong"}).status_code == 404


def test_youth_record_takes_a_member_of_the_unit_and_refuses_one_from_elsewhere(world, roll, login):
    client = login(world.secretary)
    url = reverse("members:youth_create", args=[world.units.eaphe.pk])
    response = client.post(url, youth_data(member=roll.kenh.pk))
    assert response.status_code == 200 and not YouthRecord.objects.exists()
    assert client.post(url, youth_data(member=roll.an.pk)).status_code == 302
    record = YouthRecord.objects.get()
    assert record.member == roll.an
    # The edit form shows the chosen member's name in the search box, and no other member.
    page = client.get(reverse("members:youth_edit", args=[record.pk])).content.decode()
    assert "Nguyễn Văn An – Chi đoàn thôn 1, sinh 17/05/2000" in page
    assert f'name="member" value="{roll.an.pk}"' in page
    assert "Trần Thị Bình" not in page


def test_member_form_searches_introducers_in_the_grassroots_unit(world, roll, login):
    response = login(world.secretary).get(reverse("members:member_create") + f"?don_vi={world.units.eaphe_t1.pk}")
    page = response.content.decode()
    assert f'data-picker-url="{picker(world.units.eaphe)}"' in page
    assert "Trần Thị Bình" not in page


def test_member_form_opened_from_a_district_has_no_introducer_search(world, roll, login):
    response = login(world.kp_officer).get(reverse("members:member_create") + f"?don_vi={world.units.kp.pk}")
    assert 'data-picker-url=""' in response.content.decode()


def test_transfer_destination_search_finds_grassroots_units_without_diacritics(world, roll, login):
    client = login(world.secretary)
    url = reverse("members:transfer_destination_picker")
    results = client.get(url, {"q": "ea kenh"}).json()["results"]
    assert [r["label"] for r in results] == [f"{world.units.eakenh.name} ({world.units.eakenh.code})"]
    assert client.get(url, {"q": "chi doan thon"}).json()["results"] == []  # chi đoàn do not receive
    assert client.get(url, {"q": ""}).json()["results"] == []
    page = client.get(reverse("members:transfer_create", args=[roll.an.pk])).content.decode()
    assert f'data-picker-url="{url}"' in page and world.units.eakenh.name not in page


def test_transfer_to_a_unit_chosen_in_the_picker(world, roll, login):
    response = login(world.secretary).post(
        reverse("members:transfer_create", args=[roll.an.pk]), {"to_unit": world.units.eakenh.pk, "remark": ""}
    )
    assert response.status_code == 302
    assert roll.an.transfers.get().to_unit == world.units.eakenh


def test_member_form_offers_a_list_of_few_chi_doan(world, login):
    response = login(world.secretary).get(reverse("members:member_create") + f"?don_vi={world.units.eaphe.pk}")
    assert response.status_code == 200
    assert f'<option value="{world.units.eaphe_t2.pk}"' in response.content.decode()


def test_member_form_searches_chi_doan_when_there_are_many(world, roll, login, monkeypatch):
    monkeypatch.setattr(roster, "ROLL_UNIT_SELECT_LIMIT", 1)
    client = login(world.kp_officer)
    page = client.get(reverse("members:member_create") + f"?don_vi={world.units.kp.pk}").content.decode()
    url = reverse("members:roll_unit_picker") + f"?don_vi={world.units.kp.pk}"
    assert f'data-picker-url="{url}"' in page and "Chi đoàn thôn 2" not in page
    results = client.get(reverse("members:roll_unit_picker"), {"don_vi": world.units.kp.pk, "q": "thon 2"}).json()
    assert [r["id"] for r in results["results"]] == [world.units.eaphe_t2.pk]
    assert client.get(reverse("members:roll_unit_picker"), {"don_vi": world.units.bmt.pk, "q": "c"}).status_code == 404
    # A chi đoàn of another district is not accepted, one found by the search is.
    outside = client.post(reverse("members:member_create"), member_data(unit=world.units.tanloi_c1.pk))
    assert outside.status_code == 200
    inside = client.post(reverse("members:member_create"), member_data(unit=world.units.eaphe_t2.pk))
    assert inside.status_code == 302
