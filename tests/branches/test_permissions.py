"""Allowed/denied pairs for every predicate of branches.permissions."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from branches import permissions
from branches.models import Role, Unit

# (user, unit, expected) per predicate; units are names on world.units.
CAN_VIEW = [
    ("secretary", "eaphe", True),
    ("secretary", "eaphe_t1", True),
    ("secretary", "kp", False),
    ("secretary", "eakenh", False),
    ("kp_officer", "kp", True),
    ("kp_officer", "eakenh_t1", True),
    ("kp_officer", "province", False),
    ("kp_officer", "tanloi", False),
    ("outsider", "eaphe", False),
    ("outsider", "tanloi_c1", True),
    ("province", "tanloi_c1", True),
    ("province", "province", True),
    ("admin", "eaphe", True),
    ("norole", "eaphe", False),
]

CAN_MANAGE = [
    ("secretary", "eaphe", False),
    ("secretary", "eaphe_t1", False),
    ("kp_officer", "kp", False),  # a district officer does not rename their own district
    ("kp_officer", "eaphe", True),
    ("kp_officer", "eaphe_t1", True),
    ("kp_officer", "tanloi", False),
    ("outsider", "eaphe", False),
    ("province", "province", True),
    ("province", "kp", True),
    ("admin", "kp", True),
    ("norole", "kp", False),
]

CAN_MOVE = [
    ("province", "province", False),  # a root never moves
    ("province", "kp", True),  # a district (depth 2) moves
    ("province", "eaphe", True),
    ("kp_officer", "eaphe", True),
    ("kp_officer", "kp", False),
    ("secretary", "eaphe_t1", False),
    ("outsider", "eaphe", False),
]

CAN_ADD_CHILD = [
    ("kp_officer", "kp", True),
    ("kp_officer", "eaphe", True),
    ("kp_officer", "eaphe_t1", False),  # a chi đoàn has no sub-units
    ("kp_officer", "bmt", False),
    ("secretary", "eaphe", False),
    ("province", "province", True),
    ("province", "bmt", True),
    ("outsider", "kp", False),
]

CAN_MANAGE_ACCOUNTS = [
    ("kp_officer", "eaphe", True),
    ("kp_officer", "kp", False),
    ("kp_officer", "tanloi", False),
    ("province", "kp", True),
    ("province", "province", True),
    ("secretary", "eaphe", False),
    ("outsider", "eaphe", False),
    ("admin", "province", True),
]

CAN_EDIT_FORMS = [
    ("secretary", "eaphe", True),
    ("secretary", "eakenh", False),
    ("secretary", "eaphe_t1", False),  # forms belong to the grassroots unit, not the chi đoàn
    ("kp_officer", "eaphe", False),
    ("bmt_secretary", "tanloi", True),
    ("bmt_secretary", "eaphe", False),
]

CAN_REVIEW = [
    ("kp_officer", "eaphe", True),
    ("kp_officer", "kp", False),  # not a grassroots unit
    ("kp_officer", "eaphe_t1", False),  # a chi đoàn is reviewed through its Đoàn cơ sở, never on its own
    ("province", "kp", False),  # a district is not reviewed, even by the province
    ("admin", "eaphe_t1", False),
    ("kp_officer", "tanloi", False),
    ("outsider", "eaphe", False),
    ("outsider", "tanloi", True),
    ("secretary", "eaphe", False),  # nobody reviews their own unit
    ("province", "eaphe", True),
]


def _check(world, predicate, user, unit, expected):
    assert predicate(getattr(world, user), getattr(world.units, unit)) is expected


@pytest.mark.parametrize(("user", "unit", "expected"), CAN_VIEW)
def test_can_view_unit(world, user, unit, expected):
    _check(world, permissions.can_view_unit, user, unit, expected)


@pytest.mark.parametrize(("user", "unit", "expected"), CAN_MANAGE)
def test_can_manage_unit(world, user, unit, expected):
    _check(world, permissions.can_manage_unit, user, unit, expected)


@pytest.mark.parametrize(("user", "unit", "expected"), CAN_MOVE)
def test_can_move_unit(world, user, unit, expected):
    _check(world, permissions.can_move_unit, user, unit, expected)


@pytest.mark.parametrize(("user", "unit", "expected"), CAN_ADD_CHILD)
def test_can_add_child(world, user, unit, expected):
    _check(world, permissions.can_add_child, user, unit, expected)


@pytest.mark.parametrize(("user", "unit", "expected"), CAN_MANAGE_ACCOUNTS)
def test_can_manage_accounts(world, user, unit, expected):
    _check(world, permissions.can_manage_accounts, user, unit, expected)


@pytest.mark.parametrize(("user", "unit", "expected"), CAN_EDIT_FORMS)
def test_can_edit_unit_forms(world, user, unit, expected):
    _check(world, permissions.can_edit_unit_forms, user, unit, expected)


@pytest.mark.parametrize(("user", "unit", "expected"), CAN_REVIEW)
def test_can_review_unit(world, user, unit, expected):
    _check(world, permissions.can_review_unit, user, unit, expected)


def test_nobody_adds_under_a_dissolved_unit(world):
    unit = world.units.eakenh
    Unit.objects.filter(pk=unit.pk).update(valid_to="2025-01-01")
    unit.refresh_from_db()
    assert permissions.can_add_child(world.province, unit) is False


def test_a_dissolved_unit_fills_in_no_forms(world):
    unit = world.units.eaphe
    Unit.objects.filter(pk=unit.pk).update(valid_to="2025-01-01")
    unit.refresh_from_db()
    assert permissions.can_edit_unit_forms(world.secretary, unit) is False


def test_an_officer_held_on_the_grassroots_unit_itself_does_not_review_it(world):
    from tests.conftest import make_user

    officer = make_user("canbo.eaphe", world.units.eaphe, Role.SUPERIOR_OFFICER)
    assert permissions.can_review_unit(officer, world.units.eaphe) is False


@pytest.mark.parametrize(
    ("user", "target", "expected"),
    [
        ("kp_officer", "secretary", True),
        ("kp_officer", "kp_officer", False),  # never one's own account
        ("kp_officer", "outsider", False),
        ("province", "admin", False),  # a superuser's account only for a superuser
        ("admin", "province", True),
        ("kp_officer", "norole", False),  # an account with no role belongs to nobody's unit
        ("admin", "admin", False),  # not even a system administrator's own account
    ],
)
def test_can_administer_user(world, user, target, expected):
    from branches.models import RoleAssignment

    target = getattr(world, target)
    assignments = list(RoleAssignment.objects.filter(user=target).select_related("unit"))
    assert permissions.can_administer_user(getattr(world, user), target, assignments) is expected


def test_an_account_with_one_role_out_of_reach_is_not_administered(world):
    from branches.models import RoleAssignment

    RoleAssignment.objects.create(user=world.secretary, unit=world.units.tanloi, role=Role.GRASSROOTS_SECRETARY)
    assignments = list(RoleAssignment.objects.filter(user=world.secretary).select_related("unit"))
    assert permissions.can_administer_user(world.kp_officer, world.secretary, assignments) is False


def test_a_province_committee_member_does_not_administer_a_peer(world):
    from branches.models import RoleAssignment
    from tests.conftest import make_user

    peer = make_user("tinhdoan.khac", world.units.province, Role.PROVINCE_COMMITTEE)
    assignments = list(RoleAssignment.objects.filter(user=peer).select_related("unit"))
    assert permissions.can_administer_user(world.province, peer, assignments) is False


def test_revoked_role_gives_no_access(world):
    world.kp_officer.role_assignments.update(is_active=False)
    assert permissions.can_view_unit(world.kp_officer, world.units.eaphe) is False


def test_inactive_user_sees_nothing(world):
    world.kp_officer.is_active = False
    assert Unit.objects.visible_to(world.kp_officer).count() == 0


def test_get_unit_for_user_answers_404_outside_scope(world):
    with pytest.raises(Http404, match="^Không tìm thấy đơn vị.$"):
        permissions.get_unit_for_user(world.outsider, world.units.eaphe.pk)
    with pytest.raises(Http404):
        permissions.get_unit_for_user(world.outsider, "not-a-number")


def test_get_unit_for_user_answers_403_when_read_only(world):
    with pytest.raises(PermissionDenied, match="^Bạn không có quyền thay đổi đơn vị này.$"):
        permissions.get_unit_for_user(world.secretary, world.units.eaphe.pk, manage=True)
    assert permissions.get_unit_for_user(world.kp_officer, world.units.eaphe.pk, manage=True) == world.units.eaphe


def test_visible_to_matches_can_view_for_every_user_and_unit(world):
    units = list(Unit.objects.all())
    for name in ["secretary", "kp_officer", "outsider", "bmt_secretary", "province", "admin", "norole"]:
        user = getattr(world, name)
        visible = set(Unit.objects.visible_to(user))
        assert visible == {u for u in units if permissions.can_view_unit(user, u)}, name


CAN_ADMINISTER_ROLE = [
    ("kp_officer", "eaphe", Role.GRASSROOTS_SECRETARY, True),
    ("kp_officer", "kp", Role.SUPERIOR_OFFICER, False),
    ("province", "kp", Role.SUPERIOR_OFFICER, True),
    ("province", "province", Role.PROVINCE_COMMITTEE, False),
    ("province", "province", Role.SYSTEM_ADMIN, False),
    ("admin", "province", Role.PROVINCE_COMMITTEE, True),
    ("outsider", "eaphe", Role.GRASSROOTS_SECRETARY, False),
    ("secretary", "eaphe", Role.GRASSROOTS_OFFICER, False),
]


@pytest.mark.parametrize(("user", "unit", "role", "expected"), CAN_ADMINISTER_ROLE)
def test_can_administer_role(world, user, unit, role, expected):
    assert permissions.can_administer_role(getattr(world, user), getattr(world.units, unit), role) is expected


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        ("province", True),
        ("admin", True),
        ("secretary", False),
        ("kp_officer", False),
        ("norole", False),
    ],
)
def test_needs_two_factor(world, user, expected):
    assert permissions.needs_two_factor(getattr(world, user)) is expected


def test_two_factor_follows_the_role_and_the_superuser_flag(world):
    from django.contrib.auth.models import AnonymousUser

    from tests.conftest import make_user

    assert permissions.needs_two_factor(make_user("sieuquantri", is_superuser=True)) is True
    world.province.role_assignments.update(is_active=False)  # a revoked province role asks no more
    fresh = type(world.province).objects.get(pk=world.province.pk)
    assert permissions.needs_two_factor(fresh) is False
    world.admin.is_active = False
    assert permissions.needs_two_factor(world.admin) is False
    assert permissions.needs_two_factor(AnonymousUser()) is False


@pytest.mark.parametrize(
    ("user", "target", "expected"),
    [
        ("admin", "province", True),
        ("admin", "secretary", True),
        ("admin", "admin", False),  # not one's own: a lost phone is reported to another administrator
        ("province", "secretary", False),  # administers the account, but only a system administrator resets this
        ("kp_officer", "secretary", False),
        ("secretary", "secretary", False),
    ],
)
def test_can_reset_two_factor(world, user, target, expected):
    from branches.models import RoleAssignment

    target = getattr(world, target)
    assignments = list(RoleAssignment.objects.filter(user=target).select_related("unit"))
    assert permissions.can_reset_two_factor(getattr(world, user), target, assignments) is expected
