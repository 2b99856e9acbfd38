import pytest
from django.test import override_settings
from django.urls import reverse

from tests.conftest import PASSWORD


def test_login_page_is_vietnamese(db, client):
    html = client.get(reverse("login")).content.decode()
    assert "Đăng nhập" in html and "Tên đăng nhập" in html and 'lang="vi"' in html


def test_wrong_password_gets_a_clear_message(world, client):
    response = client.post(reverse("login"), {"username": "bithu.eaphe", "password": "sai"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_right_password_logs_in(world, client):
    response = client.post(reverse("login"), {"username": "bithu.eaphe", "password": PASSWORD})
    assert response.status_code == 302


@pytest.fixture
def axes_on(settings):
    from axes.handlers.proxy import AxesProxyHandler

    settings.AXES_ENABLED = True
    AxesProxyHandler.implementation = None  # pick up the setting
    yield
    AxesProxyHandler.implementation = None


@override_settings(LOGIN_USER_FAILURE_LIMIT=3)
def test_repeated_failures_lock_the_login_even_with_the_right_password(world, client, axes_on):
    for _ in range(3):
        client.post(reverse("login"), {"username": "bithu.eaphe", "password": "sai"})
    response = client.post(reverse("login"), {"username": "bithu.eaphe", "password": PASSWORD})
    assert response.status_code == 429
    assert "tạm thời bị khóa" in response.content.decode()


@override_settings(LOGIN_USER_FAILURE_LIMIT=3)
def test_lockout_of_one_user_does_not_lock_another(world, client, axes_on):
    for _ in range(3):
        client.post(reverse("login"), {"username": "bithu.eaphe", "password": "sai"})
    response = client.post(reverse("login"), {"username": "canbo.krongpac", "password": PASSWORD})
    assert response.status_code == 302


def test_logout_needs_post(world, login):
    client = login(world.secretary)
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302


def test_django_admin_only_for_system_administrators(world, login):
    assert login(world.province).get("/quan-tri/").status_code == 302  # sent to the admin login
    assert login(world.admin).get("/quan-tri/").status_code == 200


def test_csrf_is_enforced(world, client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(world.kp_officer)
    response = strict.post(reverse("branches:unit_create", args=[world.units.kp.pk]), {"name": "x"})
    assert response.status_code == 403
    assert "Biểu mẫu đã hết hiệu lực" in response.content.decode()  # our page, not Django's English one
