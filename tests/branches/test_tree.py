import re

import pytest
from django.db import connection

from branches.models import RoleAssignment, Term, Unit, UnitType, subtree_q, subtree_range
from tests.conftest import make_unit


def test_descendants_of_is_the_whole_subtree_and_nothing_else(world):
    u = world.units
    codes = set(Unit.objects.descendants_of(u.kp).values_list("code", flat=True))
    assert codes == {"DL-KP-EAPHE", "DL-KP-EAPHE-T1", "DL-KP-EAPHE-T2", "DL-KP-EAKENH", "DL-KP-EAKENH-T1"}
    assert u.kp.code in set(Unit.objects.descendants_of(u.kp, include_self=True).values_list("code", flat=True))


def test_children_of_lists_direct_children_only(world):
    assert [c.code for c in Unit.objects.children_of(world.units.kp)] == ["DL-KP-EAPHE", "DL-KP-EAKENH"]


def test_subtree_range_does_not_catch_a_sibling_with_a_longer_path(world):
    low, high = subtree_range("0001")
    assert low <= "0001ZZZZ" <= high
    assert not (low <= "0002" <= high)
    assert not (low <= "0000ZZZZ" <= high)


def test_subtree_q_merges_nested_paths(world):
    u = world.units
    q = subtree_q([u.kp.path, u.eaphe.path])
    assert set(Unit.objects.filter(q)) == set(Unit.objects.descendants_of(u.kp, include_self=True))


def test_in_subtrees_reads_below_any_of_the_units_and_nothing_for_none(world):
    u = world.units
    below = {u.eaphe, u.eaphe_t1, u.eaphe_t2, u.tanloi, u.tanloi_c1}
    assert set(Unit.objects.in_subtrees([u.eaphe, u.tanloi])) == below
    assert list(Unit.objects.in_subtrees([])) == []


def test_path_helpers_name_the_root_the_parent_and_an_ancestor(world):
    u = world.units
    assert u.eaphe_t1.root_path == u.province.path and u.province.root_path == u.province.path
    assert u.eaphe_t1.parent_path == u.eaphe.path and u.province.parent_path == ""
    assert Unit.ancestor_path_of(u.eaphe_t1.path, 2) == u.kp.path
    assert list(Unit.objects.parents_of([u.eaphe_t1, u.eaphe_t2, u.tanloi])) == [u.eaphe, u.bmt]


def test_rows_of_a_root_are_seen_by_its_whole_tree_and_no_other(world):
    u = world.units
    other_root = make_unit(None, "GL", "Tỉnh đoàn Gia Lai", UnitType.PROVINCE)
    term = Term.objects.create(unit=u.province, name="Nhiệm kỳ 2022 – 2027", start_year=2022, end_year=2027)
    Term.objects.create(unit=other_root, name="Nhiệm kỳ 2022 – 2027", start_year=2022, end_year=2027)
    assert list(Term.objects.at_root_of(u.eaphe_t1)) == [term]
    assert list(Term.objects.visible_in_trees_of(world.secretary)) == [term]
    assert list(Term.objects.visible_to(world.secretary)) == []  # the root lies above the secretary's subtree
    assert Term.objects.visible_in_trees_of(world.admin).count() == 2
    assert list(Term.objects.visible_in_trees_of(world.norole)) == []


def test_reviewing_superior_of_pre_2025_grassroots_is_the_district(world):
    assert world.units.eaphe.reviewing_superior() == world.units.kp


def test_reviewing_superior_of_post_2025_grassroots_is_the_commune_union(world):
    # Post-2025: province → Đoàn xã/phường → grassroots unit → chi đoàn, no district in between.
    commune = make_unit(world.units.province, "DL-XA-HOAPHU", "Đoàn xã Hòa Phú", UnitType.COMMUNE)
    school = make_unit(commune, "DL-XA-HOAPHU-THCS", "Đoàn trường THCS Hòa Phú", UnitType.GRASSROOTS)
    assert Unit.objects.get(pk=school.pk).reviewing_superior() == commune


def test_reviewing_superior_of_grassroots_directly_under_province_is_the_province(world):
    unit = make_unit(world.units.province, "DL-CS-01", "Đoàn cơ sở trực thuộc", UnitType.GRASSROOTS)
    assert Unit.objects.get(pk=unit.pk).reviewing_superior() == world.units.province


def test_ancestors_are_root_first(world):
    assert [a.code for a in world.units.eaphe_t1.ancestors()] == ["DL", "DL-KP", "DL-KP-EAPHE"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("krong pac", "DL-KP"),
        ("KRÔNG PẮC", "DL-KP"),
        ("dak lak", "DL"),
        ("ea phe", "DL-KP-EAPHE"),
        ("tan loi", "DL-BMT-TANLOI"),
        ("DL-KP-EAKENH", "DL-KP-EAKENH"),
    ],
)
def test_search_ignores_diacritics_and_case(world, query, expected):
    assert expected in set(Unit.objects.search(query).values_list("code", flat=True))


def test_search_short_query_with_d_finds_da(world):
    make_unit(world.units.province, "DL-DA", "Đoàn Đà Lạt", UnitType.DIRECT)
    assert "DL-DA" in set(Unit.objects.search("DA").values_list("code", flat=True))


@pytest.mark.parametrize("query", ["ayun", "Ayŭn", "buon ayun", "nuol"])
def test_search_finds_minority_letters_from_their_base_letter(world, query):
    make_unit(world.units.eaphe, "DL-KP-AYUN", "Chi đoàn buôn Ayŭn Ñuôl", UnitType.BRANCH)
    assert list(Unit.objects.search(query).values_list("code", flat=True)) == ["DL-KP-AYUN"]


def test_search_key_is_kept_up_to_date_on_rename(world):
    unit = world.units.eakenh
    unit.name = "Đoàn xã Ea Kuăng"
    unit.save()
    assert list(Unit.objects.search("ea kuang")) == [unit]


def _plan(queryset) -> list[str]:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            return [str(row[-1]) for row in cursor.fetchall()]
        # Tiny tables make PostgreSQL prefer a sequential scan; forbid it to see whether an index can serve.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return [row[0].strip() for row in cursor.fetchall()]


def _path_range_uses_index(plan: list[str]) -> bool:
    """The index on branches_unit.path is searched with the subtree's range (not merely scanned, nor some other
    index used while the path is filtered row by row)."""
    if connection.vendor == "sqlite":
        return any(line.startswith("SEARCH branches_unit USING") and "(path>? AND path<?)" in line for line in plan)
    # ">=" from the B-tree index, "~>=~" from the pattern index that serves a LIKE prefix.
    return any(line.startswith("Index Cond:") and re.search(r"\(path\)::text ~?>=~? ", line) for line in plan)


def test_subtree_filter_is_served_by_the_path_index(world):
    plan = _plan(Unit.objects.descendants_of(world.units.kp).only("pk"))
    assert _path_range_uses_index(plan), "\n".join(plan)


def test_scoped_join_filter_is_served_by_the_path_index(world):
    # Other apps filter their rows through the unit's path (prefix "unit__"); the join keeps the index.
    plan = _plan(RoleAssignment.objects.filter(subtree_q([world.units.kp.path], prefix="unit__")).only("pk"))
    assert _path_range_uses_index(plan), "\n".join(plan)


def test_the_plan_check_refuses_a_filter_no_index_serves(world):
    # The control: a prefix filter on the name walks the path index (or the table) without a path condition.
    plan = _plan(Unit.objects.filter(name__startswith="Đoàn").only("pk"))
    assert not _path_range_uses_index(plan), "\n".join(plan)
