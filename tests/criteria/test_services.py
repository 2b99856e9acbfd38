"""The catalogue's workflow: copy, edit a draft, publish (checked), frozen published sets, local items."""

from decimal import Decimal

import pytest

from common.locking import version_token
from criteria import services
from criteria.models import CriteriaItem, CriteriaSet, ItemKind, LocalItem, ResultLevel, SetStatus
from criteria.services import CriteriaError, StaleEditError


def _item(criteria_set, code):
    return CriteriaItem.objects.get(group__criteria_set=criteria_set, code=code)


def test_copy_starts_the_next_version_as_a_draft_with_everything_copied(world, published, draft):
    assert (draft.code, draft.version, draft.status, draft.based_on) == (published.code, 2, SetStatus.DRAFT, published)
    assert draft.name == published.name and draft.max_total == published.max_total
    old = [(i.group.number, i.code, i.text, i.evidence, i.max_points) for i in _items(published)]
    new = [(i.group.number, i.code, i.text, i.evidence, i.max_points) for i in _items(draft)]
    assert new == old and len(new) == 16
    assert list(draft.levels.values_list("code", "min_total")) == list(
        published.levels.values_list("code", "min_total")
    )
    assert draft.history.first().history_change_reason == "Sao chép từ phiên bản 1"


def _items(criteria_set):
    return CriteriaItem.objects.filter(group__criteria_set=criteria_set).order_by("group__number", "position")


def test_copy_needs_an_editor(world, published):
    with pytest.raises(CriteriaError):
        services.copy_set(criteria_set=published, by=world.kp_officer)


def test_published_set_is_frozen(world, published):
    item = _item(published, "1.1")
    with pytest.raises(CriteriaError, match="sao chép thành bản nháp mới"):
        services.update_item(item=item, by=world.province, max_points=Decimal(8))
    with pytest.raises(CriteriaError, match="đã công bố"):
        services.update_set(criteria_set=published, by=world.province, name="Khác")
    item.refresh_from_db()
    assert item.max_points == 7


def test_read_only_user_cannot_edit_a_draft(world, draft):
    with pytest.raises(CriteriaError):
        services.update_item(item=_item(draft, "1.1"), by=world.kp_officer, max_points=Decimal(8))


def test_later_save_of_the_same_item_is_refused_and_nothing_is_lost(world, draft):
    item = _item(draft, "1.1")
    token = version_token(item)
    services.update_item(item=item, by=world.province, expected_version=token, text="Bản của người thứ nhất")
    with pytest.raises(StaleEditError, match="vừa được người khác sửa"):
        services.update_item(item=item, by=world.admin, expected_version=token, text="Bản của người thứ hai")
    item.refresh_from_db()
    assert item.text == "Bản của người thứ nhất"


def test_publishing_an_inconsistent_draft_names_the_group_and_level(world, draft):
    services.update_item(item=_item(draft, "2.3"), by=world.province, max_points=Decimal(4))
    level = draft.levels.get(code="dat")
    services.update_level(level=level, by=world.province, min_total=Decimal(95))
    with pytest.raises(CriteriaError) as caught:
        services.publish_set(criteria_set=draft, by=world.province)
    assert caught.value.details == [
        "Nhóm 2: tổng điểm các tiêu chí là 33, khác điểm tối đa của nhóm (35).",
        "Mức Đạt (95 điểm, 60%) phải thấp hơn mức xếp trên nó là Xuất sắc (90 điểm, 80%).",
    ]
    draft.refresh_from_db()
    assert draft.status == SetStatus.DRAFT


def test_publishing_archives_the_previous_version(world, published, draft):
    services.update_item(item=_item(draft, "1.1"), by=world.province, max_points=Decimal(8))
    services.update_item(item=_item(draft, "1.2"), by=world.province, max_points=Decimal(9))
    services.publish_set(criteria_set=draft, by=world.province)
    draft.refresh_from_db()
    published.refresh_from_db()
    assert draft.status == SetStatus.PUBLISHED and draft.published_by == world.province
    assert published.status == SetStatus.ARCHIVED
    assert published.history.first().history_change_reason == "Lưu trữ khi công bố phiên bản mới"
    assert services.set_in_force(2026) == draft


def test_a_draft_identical_to_the_version_in_force_is_not_published(world, published, draft):
    with pytest.raises(CriteriaError, match="giống hệt phiên bản 1 đang áp dụng"):
        services.publish_set(criteria_set=draft, by=world.province)
    draft.refresh_from_db()
    published.refresh_from_db()
    assert (draft.status, published.status) == (SetStatus.DRAFT, SetStatus.PUBLISHED)


def test_a_published_set_cannot_be_published_again(world, published):
    with pytest.raises(CriteriaError):
        services.publish_set(criteria_set=published, by=world.province)


def test_archive_keeps_the_set_readable_and_only_goes_forward(world, published):
    services.archive_set(criteria_set=published, by=world.province)
    published.refresh_from_db()
    assert published.status == SetStatus.ARCHIVED
    assert CriteriaSet.objects.readable().filter(pk=published.pk).exists()
    with pytest.raises(CriteriaError, match="Không thể chuyển"):
        services.archive_set(criteria_set=published, by=world.province)


def test_add_remove_and_reorder_items(world, draft):
    group = draft.groups.get(number=3)
    new = services.add_item(
        group=group,
        by=world.province,
        code="3.6",
        text="Mới",
        evidence="Biên bản",
        kind=ItemKind.CHECK,
        max_points=Decimal(0),
    )
    assert [i.code for i in group.items.all()] == ["3.1", "3.2", "3.3", "3.4", "3.5", "3.6"]
    services.move_item(item=new, by=world.province, up=True)
    assert [i.code for i in group.items.all()][-2:] == ["3.6", "3.5"]
    services.move_item(item=_item(draft, "3.1"), by=world.province, up=True)  # already first: nothing moves
    assert [i.code for i in group.items.all()][0] == "3.1"
    services.remove_item(item=new, by=world.province)
    assert "3.6" not in [i.code for i in group.items.all()]
    kept = CriteriaItem.all_objects.get(pk=new.pk)
    assert kept.removed_at is not None
    assert kept.history.first().history_change_reason == "Bỏ tiêu chí"


def test_duplicate_item_code_is_refused(world, draft):
    with pytest.raises(CriteriaError, match="Mã tiêu chí 1.1 đã có"):
        services.add_item(group=draft.groups.get(number=2), by=world.province, code="1.1", text="x", max_points=1)


def test_levels_can_be_added_changed_and_removed(world, draft):
    level = services.add_level(
        criteria_set=draft,
        by=world.province,
        code="kha",
        name="Khá",
        short_name="Khá",
        min_total=Decimal(50),
        min_group_ratio=Decimal("0.4"),
    )
    assert list(draft.levels.values_list("code", flat=True)) == ["xuat_sac", "dat", "kha"]
    services.update_level(level=level, by=world.province, min_total=Decimal(55))
    services.remove_level(level=level, by=world.province)
    assert list(draft.levels.values_list("code", flat=True)) == ["xuat_sac", "dat"]
    assert ResultLevel.all_objects.filter(pk=level.pk, removed_at__isnull=False).exists()


# --- local items -------------------------------------------------------------------------------------------


def _local(world, **extra):
    fields = {"year": 2027, "group_number": 3, "kind": ItemKind.CHECK, "text": "Tham gia ngày hội cà phê", **extra}
    return services.add_local_item(unit=world.units.kp, by=world.kp_officer, **fields)


def test_local_check_item_is_worth_no_points_and_numbered_per_group(world, published):
    first = _local(world, max_points=Decimal(3))
    second = _local(world, text="Trồng cây xanh")
    assert (first.code, first.max_points, first.period_code) == ("ĐP3.1", 0, "3CD-2023-2027")
    assert second.code == "ĐP3.2"
    assert first.history.first().history_change_reason == "Thêm tiêu chí địa phương"


def test_local_items_apply_only_to_units_of_that_district(world, published):
    item = _local(world)
    assert list(LocalItem.objects.for_grassroots(world.units.eaphe, 2027)) == [item]
    assert list(LocalItem.objects.for_grassroots(world.units.eakenh)) == [item]
    assert list(LocalItem.objects.for_grassroots(world.units.tanloi, 2027)) == []
    assert list(LocalItem.objects.for_grassroots(world.units.eaphe, 2026)) == []


def test_local_points_need_an_allowance_from_the_province(world, published):
    with pytest.raises(CriteriaError, match="không cho tiêu chí địa phương tính điểm"):
        _local(world, kind=ItemKind.POINTS, max_points=Decimal(2))


def test_local_points_stay_within_the_allowance(world, published):
    CriteriaSet.objects.filter(pk=published.pk).update(local_points_allowance=Decimal(5))
    _local(world, kind=ItemKind.POINTS, max_points=Decimal(3))
    with pytest.raises(CriteriaError, match="chỉ được tổng cộng 5 điểm; đã dùng 3 điểm"):
        _local(world, kind=ItemKind.POINTS, max_points=Decimal("2.5"))
    assert _local(world, kind=ItemKind.POINTS, max_points=Decimal(2)).max_points == 2
    with pytest.raises(CriteriaError, match="bậc 0,5"):
        _local(world, year=2026, kind=ItemKind.POINTS, max_points=Decimal("0.3"))


def test_local_item_outside_scope_or_period_is_refused(world, published):
    with pytest.raises(CriteriaError, match="không có quyền"):
        services.add_local_item(
            unit=world.units.kp, by=world.outsider, year=2027, group_number=1, kind=ItemKind.CHECK, text="x"
        )
    with pytest.raises(CriteriaError, match="Năm 2031 chưa có bộ tiêu chí"):
        _local(world, year=2031)


def test_local_item_edit_is_checked_for_staleness_and_removal_keeps_the_row(world, published):
    item = _local(world)
    token = version_token(item)
    services.update_local_item(item=item, by=world.kp_officer, expected_version=token, kind=ItemKind.CHECK, text="A")
    with pytest.raises(StaleEditError):
        services.update_local_item(item=item, by=world.province, expected_version=token, kind=ItemKind.CHECK, text="B")
    services.remove_local_item(item=item, by=world.kp_officer)
    assert not LocalItem.objects.filter(pk=item.pk).exists()
    assert LocalItem.all_objects.get(pk=item.pk).text == "A"
    assert _local(world).code == "ĐP3.2"  # a removed code is not reused
