"""axe-core finds no WCAG 2.1 AA violation on the main pages of each role, on a phone and on a desktop.

axe-core is vendored through npm (package.json, devDependencies) and injected by the test only: the portal's pages
never load it. It is evaluated through the DevTools protocol rather than added as a <script> tag, which the portal's
Content-Security-Policy (script-src 'self') rightly refuses; the pages are checked with that policy in force, as users
get them. One browser context per device; each role's pages are visited in one test, and a failure lists every
violation of every page (rule, impact, element, what to fix) rather than the first one.
"""

import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest

from branches.models import Role
from evaluations.commendations import services as commendations
from evaluations.cycle import services
from tests.conftest import PASSWORD, make_user
from tests.evaluations.commendation_world import add_results, make_round
from tests.evaluations.conftest import TODAY, score_all
from tests.evaluations.inspection_helpers import record
from tests.evaluations.results_world import accept_registration, approve
from tests.members.conftest import make_member

from .conftest import VIEWPORTS, full_shot, log_in

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN_AXE = "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.exists():
        pytest.fail(f"axe-core không có tại {AXE}: chạy `npm ci` (make deps).", pytrace=False)
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def year(world, campaign):
    """This year's cycle at every step a page shows: Ea Phê registered with its sheet in draft, Ea Kênh's sheet sent
    for review, Tân Lợi approved; an inspection of Ea Phê, a member, and the province's finalised round."""
    u = world.units
    accept_registration(world, campaign, u.eaphe, secretary=world.secretary, reviewer=world.kp_officer)
    draft = services.start_assessment(campaign=campaign, unit=u.eaphe, by=world.secretary)
    eakenh_secretary = make_user("bithu.eakenh", u.eakenh, Role.GRASSROOTS_SECRETARY)
    sent = services.start_assessment(campaign=campaign, unit=u.eakenh, by=eakenh_secretary)
    score_all(sent, eakenh_secretary)
    services.submit_assessment(assessment=sent, by=eakenh_secretary, today=TODAY)
    approve(
        world, campaign, u.tanloi, secretary=world.bmt_secretary, reviewer=world.outsider, review_points={"1.1": "0"}
    )
    member = make_member(u.eaphe_t1, "Nguyễn Thị Phương Thảo")
    add_results(world)
    commendation_round = commendations.finalise_round(
        commendation_round=make_round(world),
        by=world.province,
        decision_number="12",
        decision_date=datetime.date(2025, 12, 15),
        signer_name="Nguyễn Văn A",
        today=TODAY,
    )
    return SimpleNamespace(
        campaign=campaign,
        draft=draft,
        sent=sent,
        member=member,
        inspection=record(world),
        round=commendation_round,
    )


def _violations(page, axe_source) -> list[str]:
    page.evaluate(axe_source)
    result = page.evaluate(RUN_AXE, TAGS)
    return [
        f"{rule['id']} ({rule['impact']}) {' '.join(node['target'])}: {' '.join(node['failureSummary'].split())}"
        for rule in result["violations"]
        for node in rule["nodes"]
    ]


def _check(browser, live_server, axe_source, user, urls: list[str], name: str) -> list[str]:
    """Every violation on `urls` as `user` (None: not logged in), on each device; the phone also with its menu open."""
    problems = []
    for device, options in VIEWPORTS.items():
        context = browser.new_context(base_url=live_server.url, locale="vi-VN", **options)
        page = context.new_page()
        page.set_default_timeout(15000)
        if user is not None:
            log_in(page, user.username, PASSWORD)
        for number, url in enumerate(urls):
            response = page.goto(url)
            assert response.ok, f"{url}: {response.status}"
            problems += [f"{device} {url}: {line}" for line in _violations(page, axe_source)]
            full_shot(page, f"a11y-{name}-{device}-{number}")
        menu = page.get_by_role("button", name="Mở trình đơn")
        if user is not None and menu.is_visible():
            menu.click()
            page.locator("#mainNav.show").wait_for()
            problems += [f"{device} {page.url} (trình đơn mở): {line}" for line in _violations(page, axe_source)]
        context.close()
    return problems


def test_public_pages(browser, live_server, axe_source, year):
    urls = ["/dang-nhap/", f"/danh-gia/xac-minh/?ma={year.round.verification_code}"]
    problems = _check(browser, live_server, axe_source, None, urls, "public")
    assert not problems, "\n".join(problems)


def test_secretary_pages(browser, live_server, axe_source, world, year):
    c, unit = year.campaign.pk, world.units.eaphe.pk
    urls = [
        "/",  # the unit's page
        f"/danh-gia/{c}/don-vi/{unit}/dang-ky/",
        f"/danh-gia/{c}/don-vi/{unit}/tu-danh-gia/",
        "/doan-vien/",
        f"/doan-vien/{year.member.pk}/sua/",
        "/doan-vien/them/",
    ]
    problems = _check(browser, live_server, axe_source, world.secretary, urls, "secretary")
    assert not problems, "\n".join(problems)


def test_district_officer_pages(browser, live_server, axe_source, world, year):
    c, kp = year.campaign.pk, world.units.kp.pk
    urls = [
        "/danh-gia/tham-dinh/",
        f"/danh-gia/phieu/{year.sent.pk}/tham-dinh/",
        f"/danh-gia/{c}/ket-qua/",
        f"/danh-gia/{c}/tong-quan/{kp}/",
        "/danh-gia/kiem-tra/",
        f"/danh-gia/kiem-tra/{year.inspection.pk}/",
        f"/danh-gia/kiem-tra/don-vi/{world.units.eaphe.pk}/ghi/",
        f"/danh-gia/kiem-tra/ke-hoach/{kp}/",
    ]
    problems = _check(browser, live_server, axe_source, world.kp_officer, urls, "district")
    assert not problems, "\n".join(problems)


def test_province_pages(browser, live_server, axe_source, world, year):
    c, province = year.campaign.pk, world.units.province.pk
    urls = [
        "/danh-gia/",
        f"/danh-gia/{c}/",
        f"/danh-gia/{c}/tong-quan/{province}/",
        f"/danh-gia/{c}/doi-chieu/",  # calibration: the province compares its districts' reviewers
        "/danh-gia/tuyen-duong/",
        f"/danh-gia/tuyen-duong/{year.round.pk}/",
        "/tieu-chi/",
        f"/tieu-chi/{year.campaign.criteria_set.pk}/",
        f"/don-vi/{province}/",
        f"/don-vi/{province}/tai-khoan/",
    ]
    problems = _check(browser, live_server, axe_source, world.province, urls, "province")
    assert not problems, "\n".join(problems)
