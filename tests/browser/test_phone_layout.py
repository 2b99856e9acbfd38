"""On a phone (375 px wide): the rating choices, the criteria points and the transfer status stay on screen."""

import importlib

import pytest
from django.apps import apps

from criteria.models import CriteriaSet
from members import services
from members.models import MemberRating, RatingLevel
from tests.conftest import PASSWORD
from tests.members.conftest import make_member

from .conftest import ARTIFACTS, log_in

PHONE_WIDTH = 375

# Right edge of the element, its width, and the width its longest option needs (for a select).
_MEASURE = """el => {
  const box = el.getBoundingClientRect();
  let needed = 0;
  if (el.tagName === "SELECT") {
    const style = getComputedStyle(el);
    const ctx = document.createElement("canvas").getContext("2d");
    ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const chrome = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
    needed = Math.max(...[...el.options].map(o => ctx.measureText(o.text).width)) + chrome;
  }
  return {right: box.right, width: box.width, needed: needed};
}"""


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="vi-VN", viewport={"width": PHONE_WIDTH, "height": 800}, is_mobile=True
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def _shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _assert_on_screen(page, selector):
    elements = page.locator(selector)
    assert elements.count() > 0, selector
    for index in range(elements.count()):
        box = elements.nth(index).evaluate(_MEASURE)
        assert box["right"] <= PHONE_WIDTH, f"{selector} #{index} ends at {box['right']} px"
        assert box["width"] >= box["needed"], f"{selector} #{index}: {box['width']} px for {box['needed']} px of text"


def test_rating_choices_are_shown_whole(world, phone):
    for name in ["H'Zen Adrơng", "Nguyễn Thị Phương Thảo", "Y Kông Ayŭn"]:
        member = make_member(world.units.eaphe_t1, name)
    MemberRating.objects.create(member=member, year=2025, level=RatingLevel.EXCELLENT, unit=world.units.eaphe_t1)
    log_in(phone, "bithu.eaphe", PASSWORD)
    phone.goto(f"/doan-vien/don-vi/{world.units.eaphe_t1.pk}/xep-loai/?nam=2025")
    phone.get_by_role("button", name="Lưu xếp loại").wait_for()
    _shot(phone, "phone-rating-sheet")
    _assert_on_screen(phone, "form select")


def test_criteria_points_column_is_on_screen(world, phone):
    if not CriteriaSet.objects.exists():  # a transactional test before this one may have flushed them
        importlib.import_module("criteria.migrations.0002_shipped_sets").load_sets(apps, None)
    criteria_set = CriteriaSet.objects.get(code="3CD-2023-2027", version=1)
    log_in(phone, "bithu.eaphe", PASSWORD)
    phone.goto(criteria_set.get_absolute_url())
    phone.get_by_text("Nhóm 1.").wait_for()
    _shot(phone, "phone-criteria-set")
    _assert_on_screen(phone, "tr[id^=tieu-chi-] td:nth-child(5)")


def test_transfer_status_is_on_screen(world, phone):
    member = make_member(world.units.eaphe_t1, "Nguyễn Thị Phương Thảo")
    services.start_transfer(member=member, by=world.secretary, to_unit=world.units.tanloi)
    log_in(phone, "bithu.eaphe", PASSWORD)
    phone.goto("/doan-vien/chuyen-sinh-hoat/")
    phone.get_by_text("Chờ tiếp nhận").first.wait_for()
    _shot(phone, "phone-transfer-list")
    _assert_on_screen(phone, "table .badge")
