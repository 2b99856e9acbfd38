"""A members edit form posted without its version field is refused: it would silently overwrite a concurrent save."""

from django.urls import reverse

from members.models import MemberRating, YouthRecord
from tests.members.test_member_views import _edit_data
from tests.members.test_party_and_youth import youth_data

REFUSED = "thiếu dấu phiên bản"


def test_member_edit_without_version_changes_nothing(world, roll, login):
    url = reverse("members:member_edit", args=[roll.an.pk])
    data = _edit_data(roll.an, phone="0912 000 111")
    data.pop("version")
    response = login(world.secretary).post(url, data)
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert "0912 000 111" in response.content.decode()  # the input is kept on the page
    roll.an.refresh_from_db()
    assert roll.an.phone != "0912 000 111"


def test_member_edit_with_a_blank_version_is_refused_too(world, roll, login):
    data = {**_edit_data(roll.an, phone="0912 000 111"), "version": ""}
    response = login(world.secretary).post(reverse("members:member_edit", args=[roll.an.pk]), data)
    assert REFUSED in response.content.decode()
    roll.an.refresh_from_db()
    assert roll.an.phone != "0912 000 111"


def test_member_create_needs_no_version(world, login):
    from tests.members.test_member_views import member_data

    data = member_data(unit=world.units.eaphe_t1.pk)
    response = login(world.secretary).post(reverse("members:member_create"), data)
    assert response.status_code == 302


def test_youth_edit_without_version_changes_nothing(world, login):
    record = YouthRecord.objects.create(unit=world.units.eaphe, full_name="Y Bhin Mlô", category="yeu_the")
    response = login(world.secretary).post(reverse("members:youth_edit", args=[record.pk]), youth_data(help_done="Mới"))
    assert REFUSED in response.content.decode()
    record.refresh_from_db()
    assert record.help_done == ""


def test_rating_sheet_without_version_changes_nothing(world, roll, login):
    url = reverse("members:rating_sheet", args=[world.units.eaphe_t1.pk]) + "?nam=2025"
    response = login(world.secretary).post(url, {f"m{roll.an.pk}": "htxs"})
    assert REFUSED in response.content.decode()
    assert not MemberRating.objects.exists()
