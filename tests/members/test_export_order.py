"""The export reads a whole subtree in name order without walking the name index of the whole roll.

On PostgreSQL this matters most through the server-side cursor that streams the rows: a cursor is planned for its
first rows, and the plain column made it walk the sort_key index of the whole roll (3.3 s for a district of
100,000 in a roll of 1,000,000, against 0.4 s for reading the district and sorting it)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.exporting import member_rows
from members.models import Member


def test_export_rows_come_in_vietnamese_name_order_whatever_the_queryset_order(world, roll):
    rows = list(member_rows(Member.objects.in_subtree(world.units.kp).order_by("-pk")))
    assert [row[1] for row in rows] == ["Nguyễn Văn An", "Trần Thị Bình", "Đặng Văn Đức", "H'Hen Niê"]
    assert [row[0] for row in rows] == [1, 2, 3, 4]


def test_export_order_is_not_one_the_name_index_can_serve(world, roll):
    with CaptureQueriesContext(connection) as queries:
        list(member_rows(Member.objects.in_subtree(world.units.kp)))
    (sql,) = [q["sql"] for q in queries if "members_member" in q["sql"]]
    order = sql.split("ORDER BY", 1)[1]
    if connection.vendor == "sqlite":
        assert order.strip().startswith('+"members_member"."sort_key"')
    else:
        assert order.strip().startswith("""("members_member"."sort_key" || '')""")
