"""Server time of the member list page and of the Django admin changelist, and the subtree filter's plan."""

import statistics
import time

NAME_QUERY = "nguyen van an"


def subtree_plan(province) -> str:
    """`index` when SQLite answers the unit subtree filter of a member query from an index, `scan` otherwise."""
    from django.db import connection

    from branches.models import Unit, subtree_q
    from members.models import Member

    district = Unit.objects.children_of(province).first()
    query = Member.objects.filter(subtree_q([district.path], prefix="unit__")).values("pk").query
    sql, params = query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = [row[-1] for row in cursor.fetchall()]
    unit_step = next((step for step in plan if "branches_unit" in step), "")
    return "index" if "USING" in unit_step and "INDEX" in unit_step else "scan"


def _median_ms(client, url: str, repeat: int) -> float:
    for _ in range(2):
        client.get(url)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times)


def member_list_url(grassroots) -> str | None:
    """The member list with a diacritic-free name search and a unit filter; None while the page does not exist."""
    from django.urls import NoReverseMatch, reverse

    query = f"?q={NAME_QUERY.replace(' ', '+')}&don_vi={grassroots.pk}"
    for name, args in (("members:member_list", []), ("members:unit_members", [grassroots.pk])):
        try:
            return reverse(name, args=args) + query
        except NoReverseMatch:
            continue
    return None


def _admin_url() -> str:
    """The admin changelist of Member, registering a plain ModelAdmin searching the name when none exists."""
    from django.contrib import admin
    from django.urls import clear_url_caches, reverse

    from members.models import Member

    if not admin.site.is_registered(Member):
        import importlib

        import config.urls

        admin.site.register(Member, type("BenchMemberAdmin", (admin.ModelAdmin,), {"search_fields": ["name_search"]}))
        importlib.reload(config.urls)  # the admin's URLs are built when the URLconf is loaded
        clear_url_caches()
    return reverse("admin:members_member_changelist") + f"?q={NAME_QUERY.replace(' ', '+')}"


def run(report, note, *, repeat: int) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from branches.models import Role, RoleAssignment, Unit

    district = Unit.objects.get(code="BT-H01")
    grassroots = Unit.objects.get(code="BT-H01-X01")
    officer = get_user_model().objects.create_user("bench.officer")
    RoleAssignment.objects.create(user=officer, unit=district, role=Role.SUPERIOR_OFFICER)
    admin_user = get_user_model().objects.create_superuser("bench.admin")

    client = Client()
    client.force_login(officer)
    url = member_list_url(grassroots)
    if url is None:
        note("member list page not found (members:member_list): its figures are not measured")
        report("member_list_ms_median", "n/a", "(no member list page yet)")
        report("member_list_queries", "n/a")
    else:
        report("member_list_ms_median", _median_ms(client, url, repeat), "ms")
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        report("member_list_queries", len(queries))
    admin_client = Client()
    admin_client.force_login(admin_user)
    report("admin_changelist_ms_median", _median_ms(admin_client, _admin_url(), repeat), "ms")
