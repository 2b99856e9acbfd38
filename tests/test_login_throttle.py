"""Password spraying: one address trying many user names is locked out; an office behind one NAT address with
a few typos is not (common/login_throttle.py through django-axes)."""

import pytest
from django.urls import reverse

from tests.conftest import PASSWORD

OFFICE = "203.113.1.10"
ELSEWHERE = "14.160.2.20"


@pytest.fixture
def axes_on(settings):
    from axes.handlers.proxy import AxesProxyHandler

    settings.AXES_ENABLED = True
    AxesProxyHandler.implementation = None  # pick up the setting
    yield
    AxesProxyHandler.implementation = None


def attempt(client, username, password="sai", address=OFFICE):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def spray(client, failures: int, usernames: int):
    for n in range(failures):
        attempt(client, f"canbo.{n % usernames:02d}")


def test_spraying_one_password_over_many_names_locks_the_address(world, client, axes_on):
    spray(client, 30, usernames=10)  # three tries per name: never five for one name
    response = attempt(client, "bithu.eaphe", PASSWORD)
    assert response.status_code == 429
    assert "tạm thời bị khóa" in response.content.decode()


def test_just_below_the_address_limit_others_still_log_in(world, client, axes_on):
    spray(client, 29, usernames=10)
    assert attempt(client, "bithu.eaphe", PASSWORD).status_code == 302


def test_another_address_is_not_locked_by_the_sprayer(world, client, axes_on):
    spray(client, 30, usernames=10)
    assert attempt(client, "bithu.eaphe", PASSWORD, address=ELSEWHERE).status_code == 302


def test_an_office_behind_one_address_with_a_few_typos_logs_in(world, client, axes_on):
    staff = ["bithu.eaphe", "canbo.krongpac", "canbo.buonmathuot", "bithu.tanloi", "tinhdoan.tckt", "quantri"]
    for _ in range(4):  # four typos each: twenty-four failures across six names, all from one address
        for username in staff:
            assert attempt(client, username).status_code == 200
    for username in staff:
        client.logout()
        assert attempt(client, username, PASSWORD).status_code == 302


def test_many_failures_of_few_names_are_the_per_name_rule_only(world, client, axes_on):
    spray(client, 40, usernames=4)  # ten tries per name: those names are locked, the address is not
    assert attempt(client, "canbo.00", "sai").status_code == 429
    assert attempt(client, "bithu.eaphe", PASSWORD).status_code == 302


def test_five_failures_lock_one_name_at_one_address(world, client, axes_on):
    for _ in range(5):
        attempt(client, "bithu.eaphe")
    assert attempt(client, "bithu.eaphe", PASSWORD).status_code == 429
    assert attempt(client, "canbo.krongpac", PASSWORD).status_code == 302
