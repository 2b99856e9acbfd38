"""Playwright driving Debian's Chromium against the live test server. Never downloads a browser."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        message = f"Chromium không có tại {CHROMIUM}: cài bằng `apt-get install chromium`."
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make are still
    # synchronous and safe, so let Django allow them.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot under test-artifacts/ (git-ignored) and return its path."""
    ARTIFACTS.mkdir(exist_ok=True)

    def _shot(name):
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return _shot


def log_in(page, username, password):
    """Sign in at the login page; an account with an authenticator app then types the code the app would show."""
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    # Wait for the portal's answer: a navigation started before it lands would cancel the login (and its cookie).
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)
    if CODE_PAGE in page.url:
        enter_totp_code(page, username)


CODE_PAGE = "/xac-thuc-hai-buoc/nhap-ma/"


def enter_totp_code(page, username):
    """The second step: the code of the account's authenticator, computed from its key in the test database."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.conftest import totp_code

    page.get_by_label("Mã xác thực").fill(totp_code(TOTPDevice.objects.get(user__username=username, confirmed=True)))
    page.get_by_role("button", name="Xác nhận").click()
    page.wait_for_url(lambda url: CODE_PAGE not in url)


# Two devices for the journeys that must work on a secretary's phone and an officer's desktop.
VIEWPORTS = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 900}},
}


@pytest.fixture(params=list(VIEWPORTS))
def device(request, browser, live_server):
    """(device name, page) for each viewport; confirmation dialogs are accepted."""
    context = browser.new_context(base_url=live_server.url, locale="vi-VN", **VIEWPORTS[request.param])
    page = context.new_page()
    page.set_default_timeout(15000)
    page.on("dialog", lambda dialog: dialog.accept())
    yield request.param, page
    context.close()


@pytest.fixture
def campaign(transactional_db, world):
    """The province's year for today, on the shipped 2023–2027 set (a transactional test may have flushed it)."""
    import datetime
    import importlib

    from django.apps import apps

    from criteria.models import CriteriaSet
    from evaluations.cycle import services

    if not CriteriaSet.objects.exists():
        importlib.import_module("criteria.migrations.0002_shipped_sets").load_sets(apps, None)
        importlib.import_module("criteria.migrations.0004_shipped_item_figures").forwards(apps, None)
    today = datetime.date.today()
    CriteriaSet.objects.filter(code="3CD-2023-2027", last_year__lt=today.year).update(last_year=today.year)
    return services.open_campaign(
        organiser=world.units.province,
        year=today.year,
        by=world.province,
        registration_due=today + datetime.timedelta(days=10),
        self_assessment_due=today + datetime.timedelta(days=20),
        review_due=today + datetime.timedelta(days=30),
    )


def full_shot(page, name):
    """A full-page screenshot under test-artifacts/ (git-ignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
