"""Extension point of the unit page: other apps add panels without branches importing them.

An app registers, in its AppConfig.ready():

    from branches.panels import register_unit_panel
    register_unit_panel(my_panel, order=20)

where `my_panel(request, unit)` returns rendered HTML (e.g. `render_to_string(...)`) or "" to show
nothing. Panels must scope their own queries to `request.user` and keep a constant number of queries.
"""

from django.utils.safestring import mark_safe

_panels: list[tuple[int, object]] = []


def register_unit_panel(func, *, order: int = 100) -> None:
    if all(existing is not func for _, existing in _panels):
        _panels.append((order, func))
        _panels.sort(key=lambda item: item[0])


def render_unit_panels(request, unit) -> list[str]:
    """HTML of every registered panel for `unit`, in order, leaving out the empty ones."""
    rendered = (func(request, unit) for _, func in _panels)
    return [mark_safe(html) for html in rendered if html]  # noqa: S308 - panels return rendered templates
