from io import StringIO

from django.core.management import call_command

from branches import demo
from branches.models import Role, RoleAssignment, Unit


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
        assert client.get("/").url == root.get_absolute_url()
        client.logout()
