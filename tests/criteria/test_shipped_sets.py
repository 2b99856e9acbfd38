"""The two shipped sets are in the database after migrate, with texts and numbers exactly as in the TOML files.

tests/criteria/data/ holds copies of ../shared/domain/criteria-*.toml (the project never reads ../shared).
"""

import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from criteria.models import CriteriaSet, SetStatus
from criteria.scoring import consistency_errors
from criteria.specs import set_spec

DATA = Path(__file__).parent / "data"
FILES = sorted(DATA.glob("criteria-*.toml"))


def test_both_toml_files_are_kept_as_copies():
    assert [path.name for path in FILES] == ["criteria-2018-2022.toml", "criteria-2023-2027.toml"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", FILES, ids=lambda path: path.stem)
def test_shipped_set_matches_its_file(path):
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    info = data["set"]
    criteria_set = CriteriaSet.objects.get(code=info["code"], version=1)
    assert criteria_set.status == SetStatus.PUBLISHED
    for field in ("name", "first_year", "last_year", "central_document", "provincial_document"):
        assert getattr(criteria_set, field) == info[field], field
    assert criteria_set.max_total == Decimal(str(info["max_total"]))

    levels = list(criteria_set.levels.all())
    assert [(lv.code, lv.name, lv.min_total, lv.min_group_ratio) for lv in levels] == [
        (lv["code"], lv["name"], Decimal(str(lv["min_total"])), Decimal(str(lv["min_group_ratio"])))
        for lv in data["levels"]
    ]

    groups = list(criteria_set.groups.prefetch_related("items"))
    assert [(g.number, g.title, g.max_points) for g in groups] == [
        (g["number"], g["title"], Decimal(str(g["max_points"]))) for g in data["groups"]
    ]
    for group, expected in zip(groups, data["groups"], strict=True):
        assert [(i.code, i.text, i.evidence, i.max_points, i.kind) for i in group.items.all()] == [
            (i["code"], i["text"], i["evidence"], Decimal(str(i["max_points"])), "points") for i in expected["items"]
        ]


@pytest.mark.django_db
def test_shipped_sets_are_consistent():
    for criteria_set in CriteriaSet.objects.all():
        assert consistency_errors(set_spec(criteria_set)) == [], criteria_set.code
