"""Allowed/denied pairs for every predicate and accessor of members.permissions."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from branches.models import Role, RoleAssignment, Unit
from members import permissions
from members.models import MemberTransfer, TransferStatus, YouthCategory, YouthRecord
from tests.conftest import make_user

# (user, unit, expected); users and units are names on the world.
CAN_EDIT_MEMBERS = [
    ("secretary", "eaphe", True),
    ("secretary", "eaphe_t1", True),  # a secretary keeps the rolls of the chi đoàn below
    ("secretary", "eakenh", False),
    ("secretary", "kp", False),  # not the district's own roll
    ("kp_officer", "kp", True),
    ("kp_officer", "eakenh_t1", True),
    ("kp_officer", "tanloi", False),
    ("outsider", "eaphe", False),
    ("outsider", "tanloi_c1", True),
    ("bmt_secretary", "tanloi_c1", True),
    ("province", "eaphe", False),  # the province committee reads but does not keep other units' rolls
    ("province", "province", False),
    ("admin", "eaphe", True),
    ("admin", "province", True),
    ("norole", "eaphe", False),
]


def _dissolve(unit):
    Unit.objects.filter(pk=unit.pk).update(valid_to=datetime.date(2025, 12, 31))
    unit.refresh_from_db()
    return unit


@pytest.mark.parametrize(("user", "unit", "expected"), CAN_EDIT_MEMBERS)
def test_can_edit_members(world, user, unit, expected):
    assert permissions.can_edit_members(getattr(world, user), getattr(world.units, unit)) is expected


@pytest.mark.parametrize("user", ["secretary", "kp_officer", "admin"])
def test_a_dissolved_units_roll_is_read_only_even_for_its_editors(world, user):
    unit = _dissolve(world.units.eaphe_t1)
    assert permissions.can_view_unit(getattr(world, user), unit) is True
    assert permissions.can_edit_members(getattr(world, user), unit) is False


def test_a_unit_dissolved_later_in_the_year_is_still_editable(world):
    unit = world.units.eaphe_t1
    Unit.objects.filter(pk=unit.pk).update(valid_to=datetime.date.today() + datetime.timedelta(days=30))
    unit.refresh_from_db()
    assert permissions.can_edit_members(world.secretary, unit) is True


def test_a_grassroots_officer_edits_their_units_roll(world):
    officer = make_user("canbo.eaphe", world.units.eaphe, Role.GRASSROOTS_OFFICER)
    assert permissions.can_edit_members(officer, world.units.eaphe_t1) is True
    assert permissions.can_edit_members(officer, world.units.eakenh) is False


def test_a_revoked_editor_no_longer_edits(world):
    RoleAssignment.objects.filter(user=world.secretary).update(is_active=False)
    assert permissions.can_edit_members(world.secretary, world.units.eaphe) is False


def test_a_member_is_edited_by_the_editors_of_its_unit(world, roll):
    assert permissions.can_edit_member(world.secretary, roll.an) is True
    assert permissions.can_edit_member(world.secretary, roll.kenh) is False
    assert permissions.can_edit_member(world.province, roll.an) is False


@pytest.fixture
def transfer(world, roll):
    """Nguyễn Văn An, from Ea Phê's chi đoàn thôn 1 to Đoàn phường Tân Lợi (the other district)."""
    return MemberTransfer.objects.create(member=roll.an, from_unit=world.units.eaphe_t1, to_unit=world.units.tanloi)


@pytest.mark.parametrize(
    ("user", "expected"),
    [("bmt_secretary", True), ("outsider", True), ("secretary", False), ("kp_officer", False), ("norole", False)],
)
def test_only_the_receiving_end_answers_a_transfer(world, transfer, user, expected):
    assert permissions.can_receive_transfer(getattr(world, user), transfer) is expected


def test_a_transfer_out_of_the_portal_has_nobody_to_receive_it(world, roll):
    transfer = MemberTransfer.objects.create(
        member=roll.an, from_unit=world.units.eaphe_t1, to_unit=None, destination_text="Tỉnh đoàn Gia Lai"
    )
    assert permissions.can_receive_transfer(world.admin, transfer) is False


@pytest.mark.parametrize(
    ("user", "expected"),
    [("secretary", True), ("kp_officer", True), ("bmt_secretary", False), ("outsider", False), ("province", False)],
)
def test_only_the_sending_end_cancels_a_transfer(world, transfer, user, expected):
    assert permissions.can_cancel_transfer(getattr(world, user), transfer) is expected


def test_the_receiving_end_sees_the_member_only_while_it_decides(world, transfer):
    assert permissions.can_see_transferred_member(world.bmt_secretary, transfer) is True
    transfer.status = TransferStatus.DECLINED
    assert permissions.can_see_transferred_member(world.bmt_secretary, transfer) is False
    assert permissions.can_see_transferred_member(world.secretary, transfer) is True  # still keeps the member
    transfer.member.unit = world.units.tanloi
    transfer.status = TransferStatus.ACCEPTED
    assert permissions.can_see_transferred_member(world.bmt_secretary, transfer) is True
    assert permissions.can_see_transferred_member(world.secretary, transfer) is False


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (TransferStatus.PENDING, True),
        (TransferStatus.LEFT_PORTAL, True),
        (TransferStatus.ACCEPTED, True),
        (TransferStatus.DECLINED, False),
        (TransferStatus.CANCELLED, False),
    ],
)
def test_the_sending_unit_prints_the_letter_while_the_transfer_stands(world, transfer, status, expected):
    transfer.status = status
    assert permissions.can_print_transfer_letter(world.secretary, transfer) is expected


def test_the_letter_is_not_printed_once_the_receiving_unit_holds_the_member(world, transfer):
    transfer.status = TransferStatus.ACCEPTED
    transfer.member.unit = world.units.tanloi_c1
    assert permissions.can_print_transfer_letter(world.secretary, transfer) is False
    # Nor by the receiving unit, which never sent it.
    assert permissions.can_print_transfer_letter(world.bmt_secretary, transfer) is False


def test_get_member_for_user_answers_404_outside_scope_and_403_when_read_only(world, roll):
    assert permissions.get_member_for_user(world.secretary, roll.an.pk, write=True) == roll.an
    assert permissions.get_member_for_user(world.province, roll.an.pk) == roll.an
    with pytest.raises(PermissionDenied):
        permissions.get_member_for_user(world.province, roll.an.pk, write=True)
    for pk in (roll.tanloi.pk, "x", None):
        with pytest.raises(Http404):
            permissions.get_member_for_user(world.secretary, pk)


def test_get_roll_unit_for_user_answers_404_outside_scope_and_403_when_read_only(world):
    assert permissions.get_roll_unit_for_user(world.secretary, world.units.eaphe.pk, write=True) == world.units.eaphe
    assert permissions.get_roll_unit_for_user(world.province, world.units.eaphe.pk) == world.units.eaphe
    with pytest.raises(PermissionDenied):
        permissions.get_roll_unit_for_user(world.province, world.units.eaphe.pk, write=True)
    with pytest.raises(Http404):
        permissions.get_roll_unit_for_user(world.secretary, world.units.tanloi.pk)


def test_get_transfer_for_user_answers_from_either_end_only(world, transfer):
    assert permissions.get_transfer_for_user(world.secretary, transfer.pk) == transfer
    assert permissions.get_transfer_for_user(world.bmt_secretary, transfer.pk) == transfer
    for pk in (transfer.pk + 1000, "x"):
        with pytest.raises(Http404):
            permissions.get_transfer_for_user(world.secretary, pk)
    ea_kenh = make_user("bithu.eakenh", world.units.eakenh, Role.GRASSROOTS_SECRETARY)
    with pytest.raises(Http404):
        permissions.get_transfer_for_user(ea_kenh, transfer.pk)


def test_get_transfer_for_user_out_of_the_portal_is_seen_by_the_sender_only(world, roll):
    transfer = MemberTransfer.objects.create(
        member=roll.an, from_unit=world.units.eaphe_t1, to_unit=None, destination_text="Tỉnh đoàn Gia Lai"
    )
    assert permissions.get_transfer_for_user(world.kp_officer, transfer.pk) == transfer
    with pytest.raises(Http404):
        permissions.get_transfer_for_user(world.outsider, transfer.pk)


def test_get_youth_record_for_user_answers_404_outside_scope_and_403_when_read_only(world):
    record = YouthRecord.objects.create(unit=world.units.eaphe, full_name="Y Kông", category=YouthCategory.DIFFICULT)
    assert permissions.get_youth_record_for_user(world.secretary, record.pk, write=True) == record
    with pytest.raises(PermissionDenied):
        permissions.get_youth_record_for_user(world.province, record.pk, write=True)
    for user, pk in ((world.outsider, record.pk), (world.secretary, "x")):
        with pytest.raises(Http404):
            permissions.get_youth_record_for_user(user, pk)


def _exactly(message):
    return f"^{re.escape(message)}$"


def test_the_accessors_say_what_was_not_found_or_refused(world, roll, transfer):
    with pytest.raises(Http404, match=_exactly("Không tìm thấy đoàn viên.")):
        permissions.get_member_for_user(world.secretary, roll.tanloi.pk)
    with pytest.raises(PermissionDenied, match=_exactly("Bạn chỉ được xem, không được sửa hồ sơ đoàn viên này.")):
        permissions.get_member_for_user(world.province, roll.an.pk, write=True)
    with pytest.raises(PermissionDenied, match=_exactly("Bạn chỉ được xem danh sách đoàn viên của đơn vị này.")):
        permissions.get_roll_unit_for_user(world.province, world.units.eaphe.pk, write=True)
    ea_kenh = make_user("bithu.eakenh", world.units.eakenh, Role.GRASSROOTS_SECRETARY)
    for user, pk in ((world.secretary, "x"), (ea_kenh, transfer.pk)):  # missing, or out of both ends' scope
        with pytest.raises(Http404, match=_exactly("Không tìm thấy hồ sơ chuyển sinh hoạt.")):
            permissions.get_transfer_for_user(user, pk)


def test_a_youth_record_is_read_by_a_read_only_user_and_refused_for_changes(world):
    record = YouthRecord.objects.create(unit=world.units.eaphe, full_name="Y Kông", category=YouthCategory.DIFFICULT)
    assert permissions.get_youth_record_for_user(world.province, record.pk) == record
    with pytest.raises(PermissionDenied, match=_exactly("Bạn chỉ được xem hồ sơ này.")):
        permissions.get_youth_record_for_user(world.province, record.pk, write=True)
    with pytest.raises(Http404, match=_exactly("Không tìm thấy hồ sơ.")):
        permissions.get_youth_record_for_user(world.outsider, record.pk)
