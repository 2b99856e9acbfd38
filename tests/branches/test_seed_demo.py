from io import StringIO

from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from branches import demo
from branches.models import Role, RoleAssignment, Unit
from tests.conftest import totp_code


def test_seed_demo_builds_the_province_once(db):
    out = StringIO()
    call_command("seed_demo", stdout=out)
    units = Unit.objects.count()
    assert Unit.objects.get(code="DL").name == "Tỉnh đoàn Đắk Lắk"
    assert Unit.objects.filter(depth=2).count() == 21
    eaphe = Unit.objects.get(code="DL-KP-EAPHE")
    assert eaphe.name == "Đoàn xã Ea Phê" and eaphe.reviewing_superior().code == "DL-KP"
    assert Unit.objects.get(code="DL-KP-EAPHE-T1").name == "Chi đoàn thôn 1"
    for district in Unit.objects.filter(unit_type="doan_cap_huyen"):
        grassroots = Unit.objects.children_of(district).count()
        assert 3 <= grassroots <= 7, district.code  # 3–6 communes/wards plus the high school
    assert "bithu.eaphe" in out.getvalue() and "DoanVien@2026" in out.getvalue()
    assert demo.DEMO_TOTP_SECRET in out.getvalue() and "otpauth://totp/" in out.getvalue()
    assert "manage.py demo_totp_code" in out.getvalue()
    assert RoleAssignment.objects.get(user__username="canbo.krongpac").role == Role.SUPERIOR_OFFICER

    demo.seed()
    assert Unit.objects.count() == units


def test_seed_demo_keeps_edits_made_since(db):
    demo.seed()
    Unit.objects.filter(code="DL-KP-EAPHE").update(name="Đoàn xã Ea Phê (đổi tên)")
    demo.seed()
    assert Unit.objects.get(code="DL-KP-EAPHE").name == "Đoàn xã Ea Phê (đổi tên)"


def test_each_demo_user_sees_exactly_their_part_of_the_tree(db, client):
    from django.contrib.auth import get_user_model

    demo.seed()
    expected = {
        "bithu.eaphe": "DL-KP-EAPHE",
        "canbo.krongpac": "DL-KP",
        "canbo.buonmathuot": "DL-BMT",
        "tinhdoan.tckt": "DL",
        "quantri": "DL",
    }
    for username, code in expected.items():
        user = get_user_model().objects.get(username=username)
        root = Unit.objects.get(code=code)
        visible = set(Unit.objects.visible_to(user).values_list("code", flat=True))
        assert visible == set(Unit.objects.descendants_of(root, include_self=True).values_list("code", flat=True))
        assert client.login(username=username, password=demo.DEMO_PASSWORD)
        if username in {"tinhdoan.tckt", "quantri"}:  # the second step, with the printed demo secret
            assert client.get("/").url.startswith(reverse("two_factor:verify"))
            code = totp_code(TOTPDevice.objects.get(user=user))
            assert client.post(reverse("two_factor:verify"), {"otp_token": code}).status_code == 302
        assert client.get("/").url == root.get_absolute_url()
        client.logout()


def test_the_demo_authenticator_code_is_the_one_the_command_prints(db):
    demo.seed()
    out = StringIO()
    call_command("demo_totp_code", stdout=out)
    code = out.getvalue().split()[0]
    client = Client()
    client.login(username="quantri", password=demo.DEMO_PASSWORD)
    assert client.post(reverse("two_factor:verify"), {"otp_token": code}).status_code == 302


def test_the_printed_address_holds_the_demo_secret():
    uri = demo.DEMO_USERS[-1].totp_uri()
    assert uri.startswith("otpauth://totp/") and "quantri" in uri and f"secret={demo.DEMO_TOTP_SECRET}" in uri


def test_seeding_keeps_an_authenticator_the_user_set_up(db):
    demo.seed()
    TOTPDevice.objects.filter(user__username="tinhdoan.tckt").update(key="ab" * 20)
    demo.seed()
    assert TOTPDevice.objects.get(user__username="tinhdoan.tckt").key == "ab" * 20
