import datetime

import pytest

from branches import services
from branches.models import Unit, UnitType
from common.locking import version_token


def _fields(**extra):
    data = {"unit_type": UnitType.GRASSROOTS, "code": "DL-KP-HOAAN", "name": "Đoàn xã Hòa An"}
    data.update(extra)
    return data


def test_district_officer_creates_grassroots_unit_with_history(world):
    unit = services.create_unit(parent=world.units.kp, by=world.kp_officer, **_fields())
    assert unit.reviewing_superior() == world.units.kp
    record = unit.history.get()
    assert record.history_change_reason == "Tạo đơn vị"


def test_create_refuses_a_type_that_cannot_sit_there(world):
    with pytest.raises(services.UnitError, match="Không thể đặt"):
        services.create_unit(parent=world.units.eaphe, by=world.kp_officer, **_fields(unit_type=UnitType.DISTRICT))
    assert not Unit.objects.filter(code="DL-KP-HOAAN").exists()


def test_create_refuses_a_duplicate_code(world):
    with pytest.raises(services.UnitError, match="Mã đơn vị đã được dùng"):
        services.create_unit(parent=world.units.kp, by=world.kp_officer, **_fields(code="DL-KP-EAPHE"))


def test_outsider_cannot_create_in_sibling_district(world):
    with pytest.raises(services.UnitError):
        services.create_unit(parent=world.units.kp, by=world.outsider, **_fields())


def test_rename_is_in_history_with_old_and_new_name(world):
    unit = services.update_unit(unit=world.units.eakenh, by=world.kp_officer, name="Đoàn xã Ea Kuăng")
    latest, previous = unit.history.order_by("-history_date", "-history_id")[:2]
    change = latest.diff_against(previous).changes
    assert [(c.field, c.old, c.new) for c in change] == [("name", "Đoàn xã Ea Kênh", "Đoàn xã Ea Kuăng")]


def test_update_refuses_a_stale_form(world):
    unit = world.units.eakenh
    stale = version_token(unit)
    services.update_unit(unit=unit, by=world.province, name="Tên mới")
    with pytest.raises(services.UnitError, match="vừa được người khác sửa"):
        services.update_unit(unit=unit, by=world.kp_officer, expected_version=stale, name="Tên khác")
    assert Unit.objects.get(pk=unit.pk).name == "Tên mới"


def test_move_reparents_the_whole_subtree(world):
    u = world.units
    services.move_unit(unit=u.eakenh, new_parent=u.bmt, by=world.province)
    moved = Unit.objects.get(pk=u.eakenh.pk)
    assert moved.reviewing_superior() == u.bmt
    assert set(Unit.objects.descendants_of(u.bmt).values_list("code", flat=True)) >= {"DL-KP-EAKENH", "DL-KP-EAKENH-T1"}
    assert moved.history.order_by("-history_id").first().history_change_reason == (
        "Chuyển đơn vị: từ “Huyện đoàn Krông Pắc” sang “Thành đoàn Buôn Ma Thuột”"
    )
    # numchild stays right on both sides
    assert Unit.objects.get(pk=u.kp.pk).numchild == 1
    assert Unit.objects.get(pk=u.bmt.pk).numchild == 2


def test_move_under_own_descendant_is_refused(world):
    u = world.units
    with pytest.raises(services.UnitError, match="vào chính nó hoặc vào đơn vị trực thuộc"):
        services.move_unit(unit=u.kp, new_parent=u.eaphe, by=world.province)
    assert Unit.objects.get(pk=u.eaphe.pk).reviewing_superior() == u.kp


def test_district_officer_cannot_move_a_unit_out_of_their_district(world):
    with pytest.raises(services.UnitError, match="không có quyền"):
        services.move_unit(unit=world.units.eakenh, new_parent=world.units.bmt, by=world.kp_officer)


def test_dissolve_marks_subtree_and_keeps_everything(world):
    u = world.units
    on = datetime.date(2025, 7, 1)
    services.dissolve_unit(unit=u.eakenh, by=world.kp_officer, on=on, successor=u.eaphe)
    dissolved = Unit.objects.get(pk=u.eakenh.pk)
    assert dissolved.valid_to == on and dissolved.successor == u.eaphe
    assert Unit.objects.get(pk=u.eakenh_t1.pk).valid_to == on
    assert dissolved.is_dissolved(on)
    assert Unit.objects.filter(code__startswith="DL-KP-EAKENH").count() == 2


def test_dissolved_unit_cannot_be_edited_or_moved_or_dissolved_again(world):
    u = world.units
    services.dissolve_unit(unit=u.eakenh, by=world.kp_officer, on=datetime.date(2025, 7, 1))
    with pytest.raises(services.UnitError, match="đã giải thể"):
        services.update_unit(unit=u.eakenh, by=world.kp_officer, name="X")
    with pytest.raises(services.UnitError):
        services.move_unit(unit=u.eakenh, new_parent=u.bmt, by=world.province)
    with pytest.raises(services.UnitError, match="đã có quyết định giải thể"):
        services.dissolve_unit(unit=u.eakenh, by=world.kp_officer, on=datetime.date(2025, 8, 1))


def test_successor_cannot_be_inside_the_dissolved_unit(world):
    u = world.units
    with pytest.raises(services.UnitError, match="Đơn vị kế thừa"):
        services.dissolve_unit(unit=u.eaphe, by=world.kp_officer, on=datetime.date(2025, 7, 1), successor=u.eaphe_t1)


def test_terms_are_recorded_on_the_root_only(world):
    term = services.create_term(
        unit=world.units.province, by=world.province, name="NK 2022 – 2027", start_year=2022, end_year=2027
    )
    assert term.includes_year(2025)
    with pytest.raises(services.UnitError):
        services.create_term(unit=world.units.kp, by=world.province, name="X", start_year=2022, end_year=2027)
    with pytest.raises(services.UnitError, match="Đã có nhiệm kỳ"):
        services.create_term(unit=world.units.province, by=world.province, name="Y", start_year=2022, end_year=2027)


def test_scheduled_dissolution_closes_the_unit_to_new_children_and_moves(world):
    u = world.units
    future = datetime.date.today() + datetime.timedelta(days=30)
    services.dissolve_unit(unit=u.eakenh, by=world.kp_officer, on=future)
    closing = Unit.objects.get(pk=u.eakenh.pk)
    assert closing.is_closing and not closing.is_dissolved()
    with pytest.raises(services.UnitError):
        services.create_unit(
            parent=closing,
            by=world.kp_officer,
            unit_type=UnitType.BRANCH,
            code="DL-KP-EAKENH-T9",
            name="Chi đoàn thôn 9",
        )
    with pytest.raises(services.UnitError):
        services.move_unit(unit=u.eaphe_t1, new_parent=closing, by=world.kp_officer)


def test_a_unit_not_yet_in_force_takes_no_moved_units(world):
    u = world.units
    Unit.objects.filter(pk=u.eakenh.pk).update(valid_from=datetime.date.today() + datetime.timedelta(days=5))
    with pytest.raises(services.UnitError, match="chưa có hiệu lực"):
        services.move_unit(unit=u.eaphe_t1, new_parent=Unit.objects.get(pk=u.eakenh.pk), by=world.kp_officer)


def test_dissolve_is_refused_while_a_registered_check_objects(world):
    from branches import checks

    def members_left(unit):
        return "Còn 3 đoàn viên đang sinh hoạt." if unit.code == "DL-KP-EAKENH" else None

    checks.register_dissolve_check(members_left)
    try:
        with pytest.raises(services.UnitError, match="Còn 3 đoàn viên"):
            services.dissolve_unit(unit=world.units.eakenh, by=world.kp_officer, on=datetime.date(2025, 7, 1))
        services.dissolve_unit(unit=world.units.eaphe_t2, by=world.kp_officer, on=datetime.date(2025, 7, 1))
    finally:
        checks._dissolve_checks.remove(members_left)
    assert Unit.objects.get(pk=world.units.eakenh.pk).valid_to is None
