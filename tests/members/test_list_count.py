"""The member list of a large scope: a bounded count and a status filter each database can answer from an index."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from common import paging
from members.filters import filter_members
from members.models import Member

LIST = reverse("members:member_list")


def test_count_stops_at_the_bound_and_says_more(world, roll, login, monkeypatch):
    monkeypatch.setattr(paging, "COUNT_LIMIT", 2)
    response = login(world.kp_officer).get(LIST, {"don_vi": world.units.kp.pk})
    paginator = response.context["page"].paginator
    assert (paginator.count, paginator.more) == (2, True)
    assert "<strong>hơn 2</strong> đoàn viên" in response.content.decode()


def test_count_is_exact_below_the_bound(world, roll, login):
    response = login(world.kp_officer).get(LIST, {"don_vi": world.units.kp.pk})
    paginator = response.context["page"].paginator
    assert (paginator.count, paginator.more) == (4, False)
    assert "<strong>4</strong> đoàn viên" in response.content.decode()


def test_bounded_count_is_one_limited_query_without_ordering(world, roll, login):
    with CaptureQueriesContext(connection) as queries:
        login(world.kp_officer).get(LIST, {"don_vi": world.units.kp.pk})
    # One count of members (the other counts units, to choose how to read the page: test_list_reading).
    counts = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper() and "members_member" in q["sql"]]
    assert len(counts) == 1
    assert "LIMIT 10001" in counts[0]
    assert "ORDER BY" not in counts[0]


def test_count_label_groups_thousands_with_dots():
    paginator = paging.BoundedPaginator(list(range(12_345)), 50, limit=20_000)
    assert paginator.count_label == "12.345"
    assert paging.BoundedPaginator(list(range(12_345)), 50, limit=10_000).count_label == "hơn 10.000"


def test_status_filter_is_a_plain_comparison_of_the_column(world, roll):
    """No expression around status (PostgreSQL estimates it from statistics and reads it from the index)."""
    sql = str(filter_members(Member.objects.all(), {}).query)
    assert "COALESCE" not in sql.upper()
    where = filter_members(Member.objects.all(), {}).query.get_compiler(connection=connection).as_sql()[0]
    expected = '+"members_member"."status" = %s' if connection.vendor == "sqlite" else '"members_member"."status" = %s'
    assert expected in where
    assert [m.full_name for m in filter_members(Member.objects.all(), {"q": "an"})] == ["Nguyễn Văn An"]


def _member_id_queries(queries):
    return [q["sql"] for q in queries if q["sql"].startswith('SELECT "members_member"."id" AS "pk"')]


def test_province_list_reads_the_whole_roll_without_a_unit_condition(world, roll, login):
    with CaptureQueriesContext(connection) as queries:
        response = login(world.province).get(LIST, {"don_vi": world.units.province.pk})
    assert len(response.context["rows"]) == 5
    (ids,) = _member_id_queries(queries)
    assert "branches_unit" not in ids


def test_district_list_keeps_its_unit_condition(world, roll, login):
    with CaptureQueriesContext(connection) as queries:
        response = login(world.kp_officer).get(LIST)
    assert "Lê Văn Cường" not in response.content.decode()
    (ids,) = _member_id_queries(queries)
    assert "branches_unit" in ids
