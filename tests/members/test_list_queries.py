"""Every list page answers with the same number of queries for 1 row and for 50."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.models import MemberRating, MemberTransfer, PartyIntroduction, RatingLevel, YouthRecord
from tests.members.conftest import make_member


def _add(world, count, start=0):
    u = world.units
    for i in range(start, start + count):
        member = make_member(u.eaphe_t1, f"Lê Văn Số {i}", id_number=f"0662000{i:05d}")
        MemberRating.objects.create(member=member, year=2025, level=RatingLevel.GOOD, unit=u.eaphe_t1)
        PartyIntroduction.objects.create(member=member, year=2026)
        MemberTransfer.objects.create(member=member, from_unit=u.eaphe_t1, to_unit=u.eakenh)
        YouthRecord.objects.create(unit=u.eaphe_t1, full_name=f"Y Số {i}", category="yeu_the", member=member)


@pytest.mark.parametrize(
    "name",
    ["transfer_list", "rating_sheet", "party_list", "youth_list", "unit_stats", "member_list"],
)
def test_list_pages_keep_a_constant_number_of_queries(world, login, name, django_assert_num_queries):
    client = login(world.kp_officer)
    u = world.units
    urls = {
        "transfer_list": reverse("members:transfer_list"),
        "rating_sheet": reverse("members:rating_sheet", args=[u.eaphe_t1.pk]) + "?nam=2025",
        "party_list": reverse("members:party_list", args=[u.eaphe.pk]) + "?nam=2026",
        "youth_list": reverse("members:youth_list", args=[u.eaphe.pk]),
        "unit_stats": reverse("members:unit_stats", args=[u.eaphe.pk]),
        "member_list": reverse("members:member_list") + f"?don_vi={u.eaphe.pk}",
    }
    _add(world, 1)
    with CaptureQueriesContext(connection) as one:
        assert client.get(urls[name]).status_code == 200
    _add(world, 49, start=1)
    with django_assert_num_queries(len(one)):
        assert client.get(urls[name]).status_code == 200
