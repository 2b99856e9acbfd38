"""`make run` serves the portal as its users see it: DEBUG off, so errors get the portal's own pages."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404
from django.test import override_settings
from django.urls import include, path

ROOT = Path(__file__).resolve().parents[1]


def _dry_run(target: str) -> list[str]:
    result = subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60)
    return result.stdout.splitlines()


@pytest.mark.skipif(not shutil.which("make"), reason="make is not installed")
def test_make_run_serves_without_debug_and_make_dev_with_it():
    run = [line for line in _dry_run("run") if "runserver" in line]
    assert run and all("DEBUG=0" in line and "DEBUG=1" not in line for line in run)
    assert any("collectstatic" in line for line in _dry_run("run"))  # static files through WhiteNoise
    dev = [line for line in _dry_run("dev") if "runserver" in line]
    assert dev and all("DEBUG=1" in line for line in dev)


def _refused(request):
    raise PermissionDenied


def _missing(request):
    raise Http404


def _malformed(request):
    raise SuspiciousOperation("yêu cầu hỏng")


def _broken(request):
    raise RuntimeError("lỗi thử")


urlpatterns = [
    path("cam/", _refused),
    path("thieu/", _missing),
    path("hong/", _broken),
    path("sai/", _malformed),
    path("", include("config.urls")),
]


@pytest.mark.parametrize(
    ("url", "status", "text"),
    [
        ("/thieu/", 404, "Không tìm thấy trang"),
        ("/khong-co-trang-nay/", 404, "Không tìm thấy trang"),
        ("/cam/", 403, "Bạn không có quyền"),
        ("/hong/", 500, "Đã có lỗi xảy ra"),
        ("/sai/", 400, "Yêu cầu không hợp lệ"),
    ],
)
@override_settings(DEBUG=False, ROOT_URLCONF=__name__)
def test_errors_get_the_portals_vietnamese_pages(world, client, url, status, text):
    client.raise_request_exception = False
    client.force_login(world.secretary)
    response = client.get(url)
    assert response.status_code == status
    assert text in response.content.decode()
