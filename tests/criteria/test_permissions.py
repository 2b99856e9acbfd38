"""Who may edit sets, read drafts and manage local items: an allowed and a denied case for each predicate."""

import datetime
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from branches.models import Role, UnitType
from criteria import permissions, services
from criteria.models import ItemKind
from tests.conftest import make_unit, make_user


@pytest.mark.parametrize(
    ("user", "allowed"),
    [("province", True), ("admin", True), ("kp_officer", False), ("secretary", False), ("norole", False)],
)
def test_can_edit_criteria(world, user, allowed):
    assert permissions.can_edit_criteria(getattr(world, user)) is allowed


def test_anonymous_cannot_edit_or_read(published):
    assert not permissions.can_edit_criteria(AnonymousUser())
    assert not permissions.can_view_set(AnonymousUser(), published)


def test_province_committee_on_a_district_is_not_an_editor(world):
    # PROVINCE_COMMITTEE is only meaningful on the province unit.
    from branches.models import RoleAssignment

    RoleAssignment.objects.filter(user=world.province).update(unit=world.units.kp)
    world.province._role_assignments_cache = None
    assert not permissions.can_edit_criteria(world.province)


def test_everyone_signed_in_reads_a_published_set(world, published):
    assert permissions.can_view_set(world.secretary, published)
    assert permissions.can_view_set(world.outsider, published)


def test_only_editors_read_a_draft(world, draft):
    assert permissions.can_view_set(world.province, draft)
    assert not permissions.can_view_set(world.kp_officer, draft)


@pytest.mark.parametrize(
    ("user", "unit", "allowed"),
    [
        ("kp_officer", "kp", True),
        ("outsider", "kp", False),
        ("province", "kp", True),
        ("admin", "bmt", True),
        ("secretary", "kp", False),
        ("kp_officer", "eaphe", False),  # a grassroots unit does not add local items
        ("province", "province", False),  # the province edits the set itself instead
        ("norole", "kp", False),
    ],
)
def test_can_manage_local_items(world, user, unit, allowed):
    assert permissions.can_manage_local_items(getattr(world, user), getattr(world.units, unit)) is allowed


def test_commune_unit_after_2025_manages_its_local_items(world):
    commune = make_unit(world.units.province, "DL-XA-HOAPHU", "Đoàn xã Hòa Phú", UnitType.COMMUNE)
    officer = make_user("canbo.hoaphu", commune, Role.SUPERIOR_OFFICER)
    assert permissions.can_manage_local_items(officer, commune)
    assert not permissions.can_manage_local_items(world.kp_officer, commune)


def test_dissolved_unit_gets_no_new_local_items(world):
    world.units.kp.valid_to = datetime.date(2025, 7, 1)
    assert not permissions.can_manage_local_items(world.kp_officer, world.units.kp)


def test_get_set_for_user_hides_drafts_and_refuses_read_only_edits(world, published, draft):
    assert permissions.get_set_for_user(world.province, draft.pk, edit=True) == draft
    with pytest.raises(Http404):
        permissions.get_set_for_user(world.kp_officer, draft.pk)
    with pytest.raises(PermissionDenied):
        permissions.get_set_for_user(world.kp_officer, published.pk, edit=True)
    with pytest.raises(Http404):
        permissions.get_set_for_user(world.province, "x")


def test_get_item_for_user(world, published, draft):
    item = draft.groups.get(number=1).items.first()
    assert permissions.get_item_for_user(world.province, item.pk, edit=True) == item
    with pytest.raises(Http404):
        permissions.get_item_for_user(world.kp_officer, item.pk)
    published_item = published.groups.get(number=1).items.first()
    with pytest.raises(PermissionDenied):
        permissions.get_item_for_user(world.kp_officer, published_item.pk, edit=True)


def test_get_local_item_for_user(world, published):
    item = services.add_local_item(
        unit=world.units.kp,
        by=world.kp_officer,
        year=2026,
        group_number=1,
        kind=ItemKind.CHECK,
        text="Tiêu chí riêng",
    )
    assert permissions.get_local_item_for_user(world.kp_officer, item.pk, manage=True) == item
    for user in (world.outsider, world.secretary, world.bmt_secretary):
        with pytest.raises(Http404):
            permissions.get_local_item_for_user(user, item.pk)


def test_an_inactive_account_reads_no_set_and_manages_no_local_item(world, published):
    world.admin.is_active = False
    assert permissions.can_edit_criteria(world.admin) is False
    assert permissions.can_view_set(world.admin, published) is False
    assert permissions.can_manage_local_items(world.admin, world.units.kp) is False


def test_an_officer_whose_first_role_is_elsewhere_still_manages_their_own_units_items(world):
    from branches.models import RoleAssignment

    # Roles are read in tree order: Ea Phê (Krông Pắc) comes before Buôn Ma Thuột and does not cover it.
    officer = make_user("canbo.hai.noi", world.units.eaphe, Role.GRASSROOTS_SECRETARY)
    RoleAssignment.objects.create(user=officer, unit=world.units.bmt, role=Role.SUPERIOR_OFFICER)
    assert permissions.can_manage_local_items(officer, world.units.bmt) is True


def _exactly(message):
    return f"^{re.escape(message)}$"


SET_404, ITEM_404, LOCAL_404 = (
    "Không tìm thấy bộ tiêu chí.",
    "Không tìm thấy tiêu chí.",
    "Không tìm thấy tiêu chí địa phương.",
)
EDIT_403 = "Chỉ Ban Tổ chức – Kiểm tra Tỉnh đoàn được sửa bộ tiêu chí."


def test_the_accessors_say_what_was_not_found_or_refused(world, published, draft):
    for pk in (draft.pk, "x"):  # a draft hidden from a district officer reads like a missing set
        with pytest.raises(Http404, match=_exactly(SET_404)):
            permissions.get_set_for_user(world.kp_officer, pk)
    assert permissions.get_set_for_user(world.kp_officer, published.pk) == published  # reading is fine
    with pytest.raises(PermissionDenied, match=_exactly(EDIT_403)):
        permissions.get_set_for_user(world.kp_officer, published.pk, edit=True)
    item = draft.groups.get(number=1).items.first()
    for pk in (item.pk, "x"):
        with pytest.raises(Http404, match=_exactly(ITEM_404)):
            permissions.get_item_for_user(world.kp_officer, pk)
    published_item = published.groups.get(number=1).items.first()
    assert permissions.get_item_for_user(world.kp_officer, published_item.pk) == published_item  # reading is fine
    with pytest.raises(PermissionDenied, match=_exactly(EDIT_403)):
        permissions.get_item_for_user(world.kp_officer, published_item.pk, edit=True)


def test_get_local_item_for_user_reads_the_item_asked_for_and_refuses_read_only_changes(world):
    def local(text):
        return services.add_local_item(
            unit=world.units.kp, by=world.kp_officer, year=2026, group_number=1, kind=ItemKind.CHECK, text=text
        )

    first, second = local("Tiêu chí riêng 1"), local("Tiêu chí riêng 2")
    reader = make_user("doc.krongpac", world.units.kp, Role.GRASSROOTS_SECRETARY)  # sees Krông Pắc, keeps nothing
    assert permissions.get_local_item_for_user(reader, second.pk) == second
    assert permissions.get_local_item_for_user(reader, first.pk) == first
    with pytest.raises(PermissionDenied, match=_exactly("Bạn không có quyền sửa tiêu chí địa phương của đơn vị này.")):
        permissions.get_local_item_for_user(reader, first.pk, manage=True)
    with pytest.raises(Http404, match=_exactly(LOCAL_404)):
        permissions.get_local_item_for_user(world.outsider, first.pk)
