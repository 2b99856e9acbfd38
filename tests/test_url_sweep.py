"""Every URL that takes an id answers 404 to a user of the sibling district (Buôn Ma Thuột), and serves a user who
may see it: a URL that answers 404 to everybody proves nothing, so each one has that positive control.

Each app lists its URLs in tests/<app>/sweep*.py modules (several engineers can each own one: sweep.py,
sweep_import.py, ...). A module defines:

    def sweep_urls(world) -> list[tuple[str, str]]:
        '''(url, allowed): the url carries ids of objects on the Krông Pắc side, which world.outsider must get
        404 on (GET and POST); `allowed` names the world attribute of a user who may see it ("secretary",
        "kp_officer", "province", ...). That user gets an answer below 400 to a GET (to a POST, with no data,
        where the view takes only POST), so the fixture must make an object the URL really serves (an import job
        *with* problems for the error workbook, a draft for the draft-only pages). A plain string entry still
        works for the 404 check but gives no positive control, and the coverage test wants one per URL name.'''

    def mixed_urls(world) -> list[tuple[str, str, str]]:  # optional; needed by every URL with two ids
        '''(user, own_url, mixed_url): own_url has an outer id and an inner id that `user` may see (no 404);
        mixed_url keeps that outer id with the inner id of an object under another outer one (404 to `user`): the
        view must look the inner object up *inside* the outer one, not only check the outer id.'''

Every request of the sweep runs in a savepoint that is rolled back, so a POST that does something (revoke a role,
publish a set) leaves the world as it was for the next URL. The last tests check that every URL pattern with a
parameter is covered, has a positive control and, with two ids, a mixed combination, so a new URL cannot slip past.
"""

import importlib
from pathlib import Path

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.converters import IntConverter

from tests.conftest import sign_in

TESTS_DIR = Path(__file__).resolve().parent
# URLs with two integer parameters whose inner one is not an id: a group's number (1, 2, 3) exists in every set.
NO_INNER_ID = {"criteria:group_edit", "criteria:item_create"}


def sweep_modules():
    for path in sorted(TESTS_DIR.glob("*/sweep*.py")):
        yield importlib.import_module(f"tests.{path.parent.name}.{path.stem}")


def all_sweep_entries(world) -> list[tuple[str, str | None]]:
    entries = []
    for module in sweep_modules():
        for entry in module.sweep_urls(world):
            entries.append((entry, None) if isinstance(entry, str) else tuple(entry))
    return entries


def all_mixed_entries(world) -> list[tuple[str, str, str]]:
    entries = []
    for module in sweep_modules():
        if hasattr(module, "mixed_urls"):
            entries += [tuple(entry) for entry in module.mixed_urls(world)]
    return entries


def _fetch(client, method, url):
    """One request whose changes are rolled back afterwards."""
    with transaction.atomic():
        response = getattr(client, method)(url)
        transaction.set_rollback(True)
    return response


def _client_for(world, clients, attr):
    if attr not in clients:
        clients[attr] = sign_in(Client(), getattr(world, attr))
    return clients[attr]


def _refusals(client, url):
    failures = []
    for method in ("get", "post"):
        response = _fetch(client, method, url)
        # A POST-only view may answer a GET with 405 before looking anything up: that reveals nothing.
        if response.status_code != 404 and not (method == "get" and response.status_code == 405):
            failures.append(f"{method.upper()} {url} → {response.status_code}")
    return failures


def _serves(client, url):
    """Why `url` does not serve this user ("" when it does): a GET below 400, or a POST where only POST is taken."""
    status = _fetch(client, "get", url).status_code
    if status == 405:
        return "" if (status := _fetch(client, "post", url).status_code) < 400 else f"POST {status}"
    return "" if status < 400 else f"GET {status}"


@pytest.mark.django_db
def test_sibling_district_gets_404_on_every_id_url(world):
    clients = {}
    outsider = _client_for(world, clients, "outsider")
    failures = []
    for url, _allowed in all_sweep_entries(world):
        failures += _refusals(outsider, url)
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_every_swept_url_serves_a_user_who_may_see_it(world, monkeypatch):
    # The PDFs' templates still render; only WeasyPrint's layout (seconds per page) is skipped: what is printed is
    # checked by the apps' own tests, this one checks who gets it.
    monkeypatch.setattr("weasyprint.HTML.write_pdf", lambda self, *args, **kwargs: b"%PDF-1.7 (sweep)")
    clients, failures = {}, []
    for url, allowed in all_sweep_entries(world):
        if allowed is not None and (why := _serves(_client_for(world, clients, allowed), url)):
            failures.append(f"{url} as {allowed}: {why}")
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_an_own_outer_id_with_a_foreign_inner_id_gets_404(world):
    clients, failures = {}, []
    for user, own_url, mixed_url in all_mixed_entries(world):
        client = _client_for(world, clients, user)
        if why := _serves(client, own_url):
            failures.append(f"control {own_url} as {user}: {why}")
        failures += [f"{failure} as {user}" for failure in _refusals(client, mixed_url)]
    assert not failures, "\n".join(failures)


def _patterns(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _patterns(entry, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{prefix}{entry.name}", entry.pattern


def _url_names(urls):
    return {resolve(url.split("?")[0]).view_name for url in urls}


def _patterns_with_params():
    return {
        name: pattern
        for name, pattern in _patterns(get_resolver())
        if getattr(pattern, "converters", None) and not name.startswith("admin:")
    }


@pytest.mark.django_db
def test_every_url_with_a_parameter_is_in_the_sweep_with_a_positive_control(world):
    entries = all_sweep_entries(world)
    with_params = set(_patterns_with_params())
    assert with_params - _url_names(url for url, _ in entries) == set()
    assert with_params - _url_names(url for url, allowed in entries if allowed) == set()


@pytest.mark.django_db
def test_every_url_with_two_ids_has_a_mixed_combination(world):
    mixed = all_mixed_entries(world)
    two_ids = {
        name
        for name, pattern in _patterns_with_params().items()
        if sum(isinstance(c, IntConverter) for c in pattern.converters.values()) >= 2
    }
    assert two_ids - NO_INNER_ID - _url_names(mixed_url for _, _, mixed_url in mixed) == set()
    for _, own_url, mixed_url in mixed:
        own, other = resolve(own_url), resolve(mixed_url)
        first = next(iter(own.kwargs))
        assert own.view_name == other.view_name and own.kwargs[first] == other.kwargs[first], mixed_url
        assert own.kwargs != other.kwargs, mixed_url
