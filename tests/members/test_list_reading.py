"""The two ways a member list of many units is read: the units driving the read, or the name index walked in order
with each entry's unit tested (filters.NameOrderedIds). Both must list the same members of the same scope."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from branches.models import Unit
from members import filters
from members.filters import filter_members, member_list_ids, read_in_name_order
from members.models import Member, MemberStatus
from tests.members.conftest import make_member

LIST = reverse("members:member_list")


@pytest.mark.parametrize(
    ("rows_wanted", "unit_share", "roll_rows", "expected"),
    [
        (10_000, 0.1, 1_000_000, True),  # a district's page 200: 100,000 entries walked, not 100,000 sorted
        (50, 0.1, 1_000_000, True),  # its first page: 500 entries
        (10_000, 0.01, 1_000_000, False),  # a grassroots unit's page 200 would walk the whole roll
        (5_000, 0.01, 1_000_000, False),
        (50, 0.01, 1_000_000, True),
        (50, 0.5, 60, False),  # a small roll: sorting 30 members is cheaper than walking 100 entries
        (50, 0.0, 1_000_000, False),  # no units
    ],
)
def test_read_in_name_order_when_walking_costs_less_than_sorting(rows_wanted, unit_share, roll_rows, expected):
    assert read_in_name_order(rows_wanted, unit_share, roll_rows) is expected


@pytest.fixture
def crowd(world):
    """Members in both districts whose names interleave in name order, some of them no longer active."""
    u = world.units
    people = [
        (u.eaphe_t1, "Nguyễn Văn An"),
        (u.tanloi_c1, "Trần Văn An"),
        (u.eaphe_t2, "Lê Thị Bình"),
        (u.tanloi_c1, "Đỗ Văn Bình"),
        (u.eakenh_t1, "H'Hen Niê"),
        (u.tanloi_c1, "Phạm Thị Hoa"),
        (u.eakenh_t1, "Võ Văn Khoa"),
        (u.eaphe_t1, "Lý Thị Mai"),
    ]
    members = [make_member(unit, name) for unit, name in people]
    Member.objects.filter(full_name="Lý Thị Mai").update(status=MemberStatus.LEFT)
    return members


def _read(ids, tested: bool) -> list[str]:
    qs = ids.in_name_order if tested else ids.by_unit
    pks = [pk for pk, _ in qs[0:100]]
    by_id = Member.objects.in_bulk(pks)
    return [by_id[pk].full_name for pk in pks]


@pytest.mark.parametrize("user", ["kp_officer", "secretary", "outsider", "province"])
@pytest.mark.parametrize(
    "params", [{}, {"trang_thai": "tat_ca"}, {"trang_thai": MemberStatus.LEFT}, {"don_vi": "eakenh"}]
)
def test_both_readings_list_the_scope_in_the_same_order(world, crowd, user, params):
    user = getattr(world, user)
    if "don_vi" in params:
        params = {**params, "don_vi": str(getattr(world.units, params["don_vi"]).pk)}
    units = Unit.objects.visible_to(user)
    ids = member_list_ids(units, params)
    expected = [m.full_name for m in filter_members(Member.objects.visible_to(user), params)]
    assert _read(ids, tested=False) == expected
    assert _read(ids, tested=True) == expected


def test_the_walked_reading_keeps_to_the_scope(world, crowd):
    ids = member_list_ids(Unit.objects.visible_to(world.kp_officer), {})
    names = _read(ids, tested=True)
    assert names == ["Nguyễn Văn An", "Lê Thị Bình", "Võ Văn Khoa", "H'Hen Niê"]
    assert not {"Trần Văn An", "Đỗ Văn Bình", "Phạm Thị Hoa"} & set(names)


def test_a_unit_out_of_scope_chosen_in_the_list_shows_nothing_either_way(world, crowd):
    ids = member_list_ids(Unit.objects.visible_to(world.kp_officer), {"don_vi": str(world.units.tanloi.pk)})
    assert _read(ids, tested=False) == _read(ids, tested=True) == []


@pytest.mark.parametrize(
    ("params", "walkable"),
    [
        ({}, True),
        ({"trang_thai": "tat_ca"}, True),
        ({"trang": "3"}, True),
        ({"q": "an"}, False),
        ({"gioi_tinh": "nu"}, False),
        ({"dan_toc": "Ê Đê"}, False),
        ({"ton_giao": "Phật giáo"}, False),
        ({"tuoi": "19-25"}, False),
        ({"dang_vien": "co"}, False),
        ({"xep_loai": "htt"}, False),
        ({"loi": "tren-30"}, False),
    ],
)
def test_only_a_list_the_name_index_can_check_is_walked(world, params, walkable):
    ids = member_list_ids(Unit.objects.visible_to(world.kp_officer), params)
    assert (ids.in_name_order is not None) is walkable


@pytest.mark.parametrize(
    ("user", "params", "share"),
    [("kp_officer", {}, 6 / 10), ("secretary", {}, 3 / 10), ("kp_officer", {"don_vi": "eakenh"}, 2 / 10)],
)
def test_the_unit_share_is_the_listed_units_share_of_all_units(world, user, params, share):
    if "don_vi" in params:
        params = {"don_vi": str(getattr(world.units, params["don_vi"]).pk)}
    ids = member_list_ids(Unit.objects.visible_to(getattr(world, user)), params)
    assert ids.unit_share() == pytest.approx(share)


def test_the_whole_roll_needs_no_unit_test(world):
    assert member_list_ids(None, {}).in_name_order is None


def _page_query(queries) -> str:
    (sql,) = [q["sql"] for q in queries if q["sql"].startswith('SELECT "members_member"."id" AS "pk"')]
    return sql


@pytest.mark.parametrize(("sort_cost", "walked"), [(1_000_000, True), (0, False)])
def test_the_list_page_reads_the_way_the_rule_says(world, crowd, login, monkeypatch, sort_cost, walked):
    monkeypatch.setattr(filters, "SORT_COST_IN_WALKED_ENTRIES", sort_cost)
    with CaptureQueriesContext(connection) as queries:
        response = login(world.kp_officer).get(LIST)
    names = [m.full_name for m in response.context["rows"]]
    assert names == ["Nguyễn Văn An", "Lê Thị Bình", "Võ Văn Khoa", "H'Hen Niê"]
    assert response.context["page"].paginator.count == 4
    if connection.vendor == "sqlite":  # PostgreSQL is handed the same SQL both ways and plans it itself
        assert ('+"members_member"."unit_id" IN' in _page_query(queries)) is walked


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL gathers its own statistics")
def test_a_district_search_reads_each_range_from_the_index_made_for_it(world):
    """With the fixed statistics SQLite reads a name range per unit: whole names from member_unit_name_search,
    given names from member_unit_sort_key, never every member of a unit (members migrations 0004, 0016)."""
    units = Unit.objects.visible_to(world.kp_officer)
    ids = member_list_ids(units, {"q": "nguyen"})
    sql, params = ids.by_unit[0:50].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        steps = [row[-1] for row in cursor.fetchall() if "members_member" in row[-1]]
    assert steps
    for step in steps:
        assert (
            "(unit_id=? AND name_search>? AND name_search<?)" in step
            or "(unit_id=? AND sort_key>? AND sort_key<?)" in step
        ), step
    assert any("member_unit_name_search" in step for step in steps)
    assert all("member_unit_sort_key" in step for step in steps if "sort_key>?" in step)
