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


# Each role: the world's user (None: not logged in) and its main pages, with the ids of `_ids` filled in.
ROLES = {
    "public": (None, "/dang-nhap/ /danh-gia/xac-minh/?ma={code}"),
    "secretary": (
        "secretary",
        "/ /danh-gia/{campaign}/don-vi/{eaphe}/dang-ky/ /danh-gia/{campaign}/don-vi/{eaphe}/tu-danh-gia/ /doan-vien/"
        " /doan-vien/{member}/sua/ /doan-vien/them/",
    ),
    "district-officer": (
        "kp_officer",
        "/danh-gia/tham-dinh/ /danh-gia/phieu/{sent}/tham-dinh/ /danh-gia/{campaign}/ket-qua/"
        " /danh-gia/{campaign}/tong-quan/{kp}/ /danh-gia/kiem-tra/ /danh-gia/kiem-tra/{inspection}/"
        " /danh-gia/kiem-tra/don-vi/{eaphe}/ghi/ /danh-gia/kiem-tra/ke-hoach/{kp}/",
    ),
    "province": (
        "province",  # calibration (doi-chieu) is the province's: it compares its districts' reviewers
        "/danh-gia/ /danh-gia/{campaign}/ /danh-gia/{campaign}/tong-quan/{province}/ /danh-gia/{campaign}/doi-chieu/"
        " /danh-gia/tuyen-duong/ /danh-gia/tuyen-duong/{round}/ /tieu-chi/ /tieu-chi/{criteria_set}/"
        " /don-vi/{province}/ /don-vi/{province}/tai-khoan/",
    ),
}


def _ids(world, year) -> dict:
    u = world.units
    return {
        "campaign": year.campaign.pk,
        "criteria_set": year.campaign.criteria_set_id,
        "province": u.province.pk,
        "kp": u.kp.pk,
        "eaphe": u.eaphe.pk,
        "member": year.member.pk,
        "sent": year.sent.pk,
        "inspection": year.inspection.pk,
        "round": year.round.pk,
        "code": year.round.verification_code,
    }


@pytest.mark.parametrize("role", list(ROLES))
def test_the_main_pages_of_each_role_have_no_wcag_violation(browser, live_server, axe_source, world, year, role):
    user, pages = ROLES[role]
    urls = pages.format(**_ids(world, year)).split()
    problems = _check(browser, live_server, axe_source, user and getattr(world, user), urls, role)
    assert not problems, "\n".join(problems)
