"""Extension point for rules other apps add to tree changes, without branches importing them.

An app registers, in its AppConfig.ready():

    from branches.checks import register_dissolve_check
    register_dissolve_check(my_check)

where `my_check(unit)` returns a Vietnamese sentence saying why the unit (with its subtree) cannot be
dissolved yet, or None. Dissolving is refused while any check answers.
"""

_dissolve_checks: list = []


def register_dissolve_check(func) -> None:
    if func not in _dissolve_checks:
        _dissolve_checks.append(func)


def dissolve_blockers(unit) -> list[str]:
    """Why `unit` cannot be dissolved now (empty when it can)."""
    return [message for message in (check(unit) for check in _dissolve_checks) if message]
