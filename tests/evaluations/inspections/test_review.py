"""The findings of the year's inspections beside the unit's self-assessment: for its reviewer, and for the unit."""

import datetime

from django.template.loader import render_to_string

from evaluations.cycle import contexts

from ..inspection_helpers import record

LINE = "Kiểm tra 6 tháng đầu năm 15/06/2026: chưa đạt – Chưa cập nhật sổ"


def _items(context):
    return {item.answer.item_code: item for group in context["groups"] for item in group.items}


def test_the_reviewer_sees_the_findings_beside_each_item_and_group(world, submitted):
    record(world)
    context = contexts.sheet_context(world.kp_officer, submitted, today=datetime.date.today(), side="review")
    items = _items(context)
    assert [str(f) for f in items["1.1"].findings] == [LINE]
    assert items["1.2"].findings == []
    groups = {group.number: group for group in context["groups"]}
    assert [str(f) for f in groups[2].findings] == ["Kiểm tra 6 tháng đầu năm 15/06/2026: đạt"]
    assert set(context["inspection_findings"]) == {"1.1", "nhom-2"}
    html = render_to_string("evaluations/_sheet_item.html", {"item": items["1.1"], "side": "review"})
    assert "Kiểm tra 6 tháng đầu năm 15/06/2026</a>:" in html and "chưa đạt" in html and "Chưa cập nhật sổ" in html


def test_the_unit_sees_its_own_findings_on_its_sheet(world, submitted):
    record(world)
    context = contexts.sheet_context(world.secretary, submitted, today=datetime.date.today(), side="self")
    assert [str(f) for f in _items(context)["1.1"].findings] == [LINE]


def test_findings_are_shown_only_on_the_review_side_or_to_the_unit(world, submitted):
    record(world)
    context = contexts.sheet_context(world.kp_officer, submitted, today=datetime.date.today(), side="self")
    assert context["inspection_findings"] == {} and _items(context)["1.1"].findings == []


def test_findings_of_another_year_or_unit_are_not_shown(world, submitted):
    record(world, year=2025, inspection_date=datetime.date(2025, 6, 1), follow_up_due=None)
    record(world, unit=world.units.eakenh)
    context = contexts.sheet_context(world.kp_officer, submitted, today=datetime.date.today(), side="review")
    assert context["inspection_findings"] == {}


def test_the_review_page_shows_the_finding_under_the_item(world, login, submitted):
    from django.urls import reverse

    inspection = record(world)
    html = login(world.kp_officer).get(reverse("evaluations:review", args=[submitted.pk])).content.decode()
    item = html.split('data-code="1.1"', 1)[1].split('data-code="1.2"', 1)[0]
    assert reverse("evaluations:inspection_detail", args=[inspection.pk]) in item
    assert "Kiểm tra 6 tháng đầu năm 15/06/2026</a>:" in item and "chưa đạt" in item and "Chưa cập nhật sổ" in item
    group = html.split('id="nhom-2"', 1)[1].split("data-code=", 1)[0]
    assert "đạt" in group and "inspection-findings" in group
