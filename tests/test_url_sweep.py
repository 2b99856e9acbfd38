"""Every URL that takes an id answers 404 to a user of the sibling district (Buôn Ma Thuột).

Each app lists its URLs in tests/<app>/sweep*.py modules (each with `sweep_urls(world) -> list[str]`, ids of
objects on the Krông Pắc side; several engineers can each own a module, e.g. sweep.py and sweep_import.py).
The last test checks that every URL pattern with a parameter is covered, so a new URL cannot slip past.
"""

import importlib
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from branches.models import RoleAssignment

TESTS_DIR = Path(__file__).resolve().parent


def branches_urls(world):
    u = world.units
    assignment = RoleAssignment.objects.get(user=world.secretary)
    urls = [
        reverse(f"branches:{name}", args=[pk])
        for name in [
            "unit_detail",
            "unit_create",
            "unit_edit",
            "unit_move",
            "unit_dissolve",
            "unit_history",
            "unit_accounts",
        ]
        for pk in [u.kp.pk, u.eaphe.pk, u.eaphe_t1.pk]
    ]
    urls.append(reverse("branches:unit_terms", args=[u.province.pk]))
    urls.append(reverse("branches:account_reset_password", args=[u.eaphe.pk, world.secretary.pk]))
    urls.append(reverse("branches:account_revoke", args=[u.eaphe.pk, assignment.pk]))
    urls.append(reverse("branches:account_restore", args=[u.eaphe.pk, assignment.pk]))
    urls.append(reverse("branches:unit_search") + f"?q=a&trong={u.kp.pk}")
    return urls


def all_sweep_urls(world):
    urls = branches_urls(world)
    for path in sorted(TESTS_DIR.glob("*/sweep*.py")):
        module = importlib.import_module(f"tests.{path.parent.name}.{path.stem}")
        urls.extend(module.sweep_urls(world))
    return urls


def test_sibling_district_gets_404_on_every_id_url(world, login):
    client = login(world.outsider)
    failures = []
    for url in all_sweep_urls(world):
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            # A POST-only view may answer a GET with 405 before looking anything up: that reveals nothing.
            if response.status_code != 404 and not (method == "get" and response.status_code == 405):
                failures.append(f"{method.upper()} {url} → {response.status_code}")
    assert not failures, "\n".join(failures)


def _patterns(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _patterns(entry, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{prefix}{entry.name}", entry.pattern


@pytest.mark.django_db
def test_every_url_with_a_parameter_is_in_the_sweep(world):
    covered = {resolve(url.split("?")[0]).view_name for url in all_sweep_urls(world)}
    with_params = {
        name
        for name, pattern in _patterns(get_resolver())
        if getattr(pattern, "converters", None) and not name.startswith("admin:")
    }
    assert with_params - covered == set()
