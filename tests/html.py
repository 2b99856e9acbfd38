"""Reading what a page shows a person: the cells of a table as text, so an assertion looks where the value must be
(a user name in the history's "who" column, not the same name in the navigation bar)."""

from html.parser import HTMLParser


class _TableReader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables: list[list[list[str]]] = []  # table → rows → cell texts, header row included
        self._depth = 0
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._depth += 1
            if self._depth == 1:
                self.tables.append([])
        elif self._depth == 1 and tag == "tr":
            self.tables[-1].append([])
        elif self._depth == 1 and tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "table":
            self._depth -= 1
        elif self._depth == 1 and tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def table_rows(html: str, *, header: str) -> list[dict[str, str]]:
    """The body rows, as {column header: cell text}, of the one table on the page with a column named `header`."""
    reader = _TableReader()
    reader.feed(html)
    found = [rows for rows in reader.tables if rows and header in rows[0]]
    assert len(found) == 1, f"{len(found)} tables with a column “{header}”"
    head, *body = found[0]
    return [dict(zip(head, row, strict=True)) for row in body]


def history_rows(html: str) -> list[dict[str, str]]:
    """The rows of components/history_table.html on a history page, newest first."""
    return table_rows(html, header="Người thực hiện")
