"""What axe-core asks of every page, held in the templates themselves (tests/browser/test_accessibility.py runs
axe-core on the main pages): a table that may scroll sideways on a phone sits in a region a keyboard can reach and
a screen reader can name (WCAG 2.1.1, axe's scrollable-region-focusable)."""

import re

from tests.test_security_headers import _served_templates

SCROLL_WRAPPER = re.compile(r"<div\b[^>]*\bclass=\"[^\"]*\btable-responsive\b[^>]*>")
FOCUSABLE_REGION = re.compile(r'\btabindex="0"[^>]*\brole="region"[^>]*\baria-label="[^"]+"')


def test_every_scrolling_table_is_a_named_region_the_keyboard_reaches():
    wrappers = [
        (path.name, tag)
        for path in _served_templates()
        for tag in SCROLL_WRAPPER.findall(path.read_text(encoding="utf-8"))
    ]
    assert len(wrappers) > 20
    assert [(name, tag) for name, tag in wrappers if not FOCUSABLE_REGION.search(tag)] == []
