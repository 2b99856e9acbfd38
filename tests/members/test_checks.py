import datetime

import pytest

from branches import services
from members.models import MemberStatus
from tests.members.conftest import make_member


def test_a_unit_with_active_members_is_not_dissolved(world):
    make_member(world.units.eakenh_t1, "Y Bhin Niê")
    with pytest.raises(services.UnitError, match="Còn 1 đoàn viên đang sinh hoạt"):
        services.dissolve_unit(unit=world.units.eakenh, by=world.kp_officer, on=datetime.date(2026, 1, 1))


def test_a_unit_whose_members_have_left_can_be_dissolved(world):
    make_member(world.units.eakenh_t1, "Y Bhin Niê", status=MemberStatus.TRANSFERRED)
    unit = services.dissolve_unit(unit=world.units.eakenh, by=world.kp_officer, on=datetime.date(2026, 1, 1))
    assert unit.valid_to == datetime.date(2026, 1, 1)


def test_the_dissolve_page_says_why_before_anything_is_posted(world, login):
    from django.urls import reverse

    make_member(world.units.eakenh_t1, "Y Bhin Niê")
    html = login(world.kp_officer).get(reverse("branches:unit_dissolve", args=[world.units.eakenh.pk])).content.decode()
    assert "Chưa thể giải thể" in html and "Còn 1 đoàn viên" in html
