"""Server time of the member lists an officer opens, of the youth-record form, of the Django admin changelist,
and the subtree filter's plan (SQLite)."""

import statistics
import time

NAME_QUERY = "nguyen van an"
WORD_QUERY = "nguyen"  # one word, a family name: 43,000 matches on a roll of 1,000,000


def subtree_plan(province) -> str:
    """`index` when SQLite answers the unit subtree filter of a member query from an index, `scan` otherwise."""
    from django.db import connection

    if connection.vendor != "sqlite":
        return "n/a"

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
    return _measure(client, url, repeat)[0]


def _measure(client, url: str, repeat: int) -> tuple[float, int]:
    """Median server time (ms) of GET `url` and the size of its page (bytes)."""
    for _ in range(2):
        client.get(url)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times), len(response.content)


def _queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def officer_lists(province, district) -> dict[str, str]:
    """The lists a district or province officer opens: whole scope, a name search, a one-word search, page 200."""
    from django.urls import reverse

    base = reverse("members:member_list")
    search = f"q={NAME_QUERY.replace(' ', '+')}"
    lists = {}
    for label, unit in (("district", district), ("province", province)):
        lists[f"{label}_all"] = f"{base}?don_vi={unit.pk}"
        lists[f"{label}_search"] = f"{base}?don_vi={unit.pk}&{search}"
        lists[f"{label}_search_word"] = f"{base}?don_vi={unit.pk}&q={WORD_QUERY}"
        lists[f"{label}_page200"] = f"{base}?don_vi={unit.pk}&trang=200"
    return lists


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
    from django.test import Client
    from django.urls import reverse

    from branches.models import Role, RoleAssignment, Unit

    province = Unit.objects.get(code="BT")
    district = Unit.objects.get(code="BT-H01")
    grassroots = Unit.objects.get(code="BT-H01-X01")
    officer = get_user_model().objects.create_user("bench.officer")
    RoleAssignment.objects.create(user=officer, unit=district, role=Role.SUPERIOR_OFFICER)
    committee = get_user_model().objects.create_user("bench.province")
    RoleAssignment.objects.create(user=committee, unit=province, role=Role.PROVINCE_COMMITTEE)
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
        report("member_list_queries", _queries(client, url))
    province_client = Client()
    province_client.force_login(committee)
    for name, list_url in officer_lists(province, district).items():
        viewer = province_client if name.startswith("province") else client
        report(f"list_{name}_ms_median", _median_ms(viewer, list_url, repeat), "ms")
        report(f"list_{name}_queries", _queries(viewer, list_url))
    # The youth-record form of a whole district (its member picker used to list every member).
    form_ms, form_bytes = _measure(client, reverse("members:youth_create", args=[district.pk]), repeat)
    report("youth_form_ms_median", form_ms, "ms")
    report("youth_form_kb", round(form_bytes / 1024, 1), "KB")
    admin_client = Client()
    admin_client.force_login(admin_user)
    report("admin_changelist_ms_median", _median_ms(admin_client, _admin_url(), repeat), "ms")
