"""The Django admin reads in Vietnamese, third-party apps included, through the project's own locale files."""

import re
from pathlib import Path

import pytest
from django.utils import translation

from tests.conftest import sign_in
from tests.members.conftest import make_member

LOCALE = Path(__file__).resolve().parents[1] / "locale" / "vi" / "LC_MESSAGES"

ENGLISH = [
    "Skip to main content",
    "Toggle theme",
    "Show counts",
    "Model name",
    "Tasks Database Backend",
    ">Axes<",
    "Access attempts",
    "Access logs",
    "Task Results",
    "Position",
    "Relative to",
    "Change history",
    "Changed by",
    "Date/time",
    ">None<",
    "Password-based authentication",
    "Otp_",
]


def _admin_pages(world):
    member = make_member(world.units.eaphe_t1, "Nguyễn Văn An")
    unit = world.units.eaphe.pk
    return [
        "/quan-tri/",
        "/quan-tri/axes/accessattempt/",
        "/quan-tri/axes/accesslog/",
        "/quan-tri/axes/accessfailurelog/",
        "/quan-tri/django_tasks_database/dbtaskresult/",
        f"/quan-tri/branches/unit/{unit}/change/",
        f"/quan-tri/branches/unit/{unit}/history/",
        f"/quan-tri/members/member/{member.pk}/history/",
        "/quan-tri/auth/user/add/",
    ]


def test_admin_pages_have_no_english_left(world, client):
    sign_in(client, world.admin)
    for url in _admin_pages(world):
        response = client.get(url)
        assert response.status_code == 200, url
        html = re.sub(r"\s+", " ", response.content.decode())
        left = [phrase for phrase in ENGLISH if phrase in html]
        assert not left, f"{url}: {left}"


def test_admin_names_the_third_party_apps_and_tree_fields_in_vietnamese(world, client):
    sign_in(client, world.admin)
    index = client.get("/quan-tri/").content.decode()
    assert "Khóa đăng nhập (django-axes)" in index and "Tác vụ nền (django-tasks)" in index
    unit = client.get(f"/quan-tri/branches/unit/{world.units.eaphe.pk}/change/").content.decode()
    assert "Vị trí" in unit and "So với" in unit


def _po_entries(path: Path):
    """(context, msgid, msgstr) of every singular entry of a .po file written one string per line."""
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields = dict(re.findall(r'^(msgctxt|msgid|msgstr) "(.*)"$', block, re.M))
        if fields.get("msgid") and "msgstr" in fields:
            unescape = lambda s: s.replace('\\"', '"').replace("\\\\", "\\")  # noqa: E731
            yield fields.get("msgctxt"), unescape(fields["msgid"]), unescape(fields["msgstr"])


@pytest.mark.parametrize("domain", ["django"])
def test_the_compiled_catalogue_matches_its_po_file(domain):
    # The .mo is committed (CI runs on a fresh clone without gettext): a .po edited without recompiling fails here.
    entries = list(_po_entries(LOCALE / f"{domain}.po"))
    assert len(entries) > 100
    with translation.override("vi"):
        for context, msgid, msgstr in entries:
            found = translation.pgettext(context, msgid) if context else translation.gettext(msgid)
            assert found == msgstr, msgid


def test_second_factors_are_not_in_the_admin(world, client):
    """Kept in the portal, where removing one is written in the account history (branches/two_factor/)."""
    sign_in(client, world.admin)
    assert client.get("/quan-tri/otp_totp/totpdevice/").status_code == 404
    assert client.get("/quan-tri/otp_static/staticdevice/").status_code == 404
