"""Personal data is never cached, and the Content-Security-Policy admits no inline script."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.members.conftest import make_member

POLICY = "Content-Security-Policy"


def _directives(header: str) -> dict[str, list[str]]:
    parts = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


def test_member_page_is_neither_cached_nor_stored(world, login):
    member = make_member(world.units.eaphe_t1, "Nguyễn Văn An", id_number="066200000001")
    response = login(world.secretary).get(reverse("members:member_detail", args=[member.pk]))
    assert response.status_code == 200
    cache = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= cache


def test_excel_download_is_neither_cached_nor_stored(world, login):
    make_member(world.units.eaphe_t1, "Nguyễn Văn An")
    response = login(world.secretary).get(reverse("member_import:export", args=[world.units.eaphe.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert {"no-store", "private"} <= {part.strip() for part in response["Cache-Control"].split(",")}


def test_policy_allows_scripts_and_styles_from_the_portal_only(world, login):
    response = login(world.secretary).get(reverse("home"))
    directives = _directives(response[POLICY])
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response[POLICY]
    assert "'unsafe-eval'" not in response[POLICY]


def test_login_page_carries_the_policy_too(client):
    assert "script-src 'self'" in client.get(reverse("login"))[POLICY]


def _served_templates() -> list[Path]:
    """Every HTML template of the portal served to a browser (PDF templates go to WeasyPrint only)."""
    folders = [Path(folder) for folder in settings.TEMPLATES[0]["DIRS"]]
    folders += [path for path in Path(settings.BASE_DIR).glob("*/templates") if ".venv" not in path.parts]
    files = {path for folder in folders for path in folder.rglob("*.html")}
    return sorted(path for path in files if not re.search(r"(_pdf|pdf_base)\.html$", path.name))


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[^>]*\sstyle\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"""(href|action|src)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)


@pytest.mark.parametrize(
    "pattern",
    [INLINE_SCRIPT, EVENT_HANDLER, STYLE_ATTRIBUTE, JAVASCRIPT_URL],
    ids=["inline-script", "event-handler", "style-attribute", "javascript-url"],
)
def test_no_template_holds_what_the_policy_blocks(pattern):
    templates = _served_templates()
    assert len(templates) > 20
    offenders = [str(path) for path in templates if pattern.search(path.read_text(encoding="utf-8"))]
    assert offenders == []
