"""One small world for every test: a province, two districts, grassroots units and chi đoàn, a user per role.

    DL Tỉnh đoàn Đắk Lắk
    ├─ DL-KP Huyện đoàn Krông Pắc
    │  ├─ DL-KP-EAPHE Đoàn xã Ea Phê: -T1 Chi đoàn thôn 1, -T2 Chi đoàn thôn 2
    │  └─ DL-KP-EAKENH Đoàn xã Ea Kênh: -T1 Chi đoàn thôn 1
    └─ DL-BMT Thành đoàn Buôn Ma Thuột
       └─ DL-BMT-TANLOI Đoàn phường Tân Lợi: -C1 Chi đoàn tổ dân phố 1

Users: secretary (Ea Phê), kp_officer (Krông Pắc), outsider (Buôn Ma Thuột officer, the sibling district),
bmt_secretary (Tân Lợi), province (Ban Tổ chức – Kiểm tra), admin (system administrator), norole. The province
and the admin, who must sign in in two steps, have an authenticator app holding TOTP_KEY.
"""

import time
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from branches.models import Role, RoleAssignment, Unit, UnitType

PASSWORD = "MatKhau@2026"
TOTP_KEY = "3132333435363738393031323334353637383930"  # hex, as django-otp stores it


def make_unit(parent, code, name, unit_type, **extra):
    unit = Unit(code=code, name=name, unit_type=unit_type, short_name=f"BCH {name}", doc_code="ĐTN", **extra)
    return Unit.objects.add_child(parent, instance=unit) if parent else Unit.objects.add_root(instance=unit)


def make_user(username, unit=None, role=None, **extra):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, **extra)
    if unit is not None:
        RoleAssignment.objects.create(user=user, unit=unit, role=role)
    return user


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: counters (the verification page's) and "already mailed" marks."""
    cache.clear()


def give_authenticator(user, key=TOTP_KEY) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực", key=key, confirmed=True)


def totp_code(device) -> str:
    """The code `device`'s authenticator app shows: now, or at the next time step if now's code was used already
    (django-otp accepts each step once, and one step ahead), waiting for the clock if need be."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    while totp.t() + device.tolerance <= device.last_t:
        time.sleep(1)
    step = max(totp.t(), device.last_t + 1)
    totp.time = (step - device.drift) * device.step + device.t0
    return f"{totp.token():0{device.digits}d}"


def sign_in(client, user):
    """Sign `user` in on a test client as the login page would, with the second step passed if they have one."""
    client.force_login(user)
    device = TOTPDevice.objects.devices_for_user(user, confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id  # what django_otp.login() stores
        session.save()
    return client


@pytest.fixture
def world(db):
    province = make_unit(None, "DL", "Tỉnh đoàn Đắk Lắk", UnitType.PROVINCE, place_name="Đắk Lắk")
    kp = make_unit(province, "DL-KP", "Huyện đoàn Krông Pắc", UnitType.DISTRICT, place_name="Krông Pắc")
    eaphe = make_unit(kp, "DL-KP-EAPHE", "Đoàn xã Ea Phê", UnitType.GRASSROOTS, place_name="Ea Phê")
    eaphe_t1 = make_unit(eaphe, "DL-KP-EAPHE-T1", "Chi đoàn thôn 1", UnitType.BRANCH)
    eaphe_t2 = make_unit(eaphe, "DL-KP-EAPHE-T2", "Chi đoàn thôn 2", UnitType.BRANCH)
    eakenh = make_unit(kp, "DL-KP-EAKENH", "Đoàn xã Ea Kênh", UnitType.GRASSROOTS)
    eakenh_t1 = make_unit(eakenh, "DL-KP-EAKENH-T1", "Chi đoàn thôn 1", UnitType.BRANCH)
    bmt = make_unit(province, "DL-BMT", "Thành đoàn Buôn Ma Thuột", UnitType.DISTRICT, place_name="Buôn Ma Thuột")
    tanloi = make_unit(bmt, "DL-BMT-TANLOI", "Đoàn phường Tân Lợi", UnitType.GRASSROOTS)
    tanloi_c1 = make_unit(tanloi, "DL-BMT-TANLOI-C1", "Chi đoàn tổ dân phố 1", UnitType.BRANCH)

    units = SimpleNamespace(
        province=province,
        kp=kp,
        eaphe=eaphe,
        eaphe_t1=eaphe_t1,
        eaphe_t2=eaphe_t2,
        eakenh=eakenh,
        eakenh_t1=eakenh_t1,
        bmt=bmt,
        tanloi=tanloi,
        tanloi_c1=tanloi_c1,
    )
    for name, unit in vars(units).items():
        setattr(units, name, Unit.objects.get(pk=unit.pk))  # fresh paths and numchild after inserts

    u = units
    people = SimpleNamespace(
        units=u,
        secretary=make_user("bithu.eaphe", u.eaphe, Role.GRASSROOTS_SECRETARY, first_name="Linh", last_name="H'"),
        kp_officer=make_user("canbo.krongpac", u.kp, Role.SUPERIOR_OFFICER),
        outsider=make_user("canbo.buonmathuot", u.bmt, Role.SUPERIOR_OFFICER),
        bmt_secretary=make_user("bithu.tanloi", u.tanloi, Role.GRASSROOTS_SECRETARY),
        province=make_user("tinhdoan.tckt", u.province, Role.PROVINCE_COMMITTEE),
        admin=make_user("quantri", u.province, Role.SYSTEM_ADMIN, is_superuser=True, is_staff=True),
        norole=make_user("khongquyen"),
    )
    for user in (people.province, people.admin):
        give_authenticator(user)
    return people


@pytest.fixture
def login(client):
    """Log a world user in on the test client and return the client."""

    def _login(user):
        return sign_in(client, user)

    return _login
