"""A criteria set's status changes through common.workflow.transition: each step leaves a StatusEvent."""

from decimal import Decimal

import pytest

from common.models import StatusEvent
from common.workflow import events_for, workflow_of
from criteria import services
from criteria.models import CriteriaItem, CriteriaSet, SetStatus
from criteria.services import CriteriaError


def _events(criteria_set):
    return [(e.workflow, e.from_status, e.to_status, e.reason, e.by) for e in events_for(criteria_set)]


def _changed(draft, world):
    """The draft with a point moved from item 1.2 to 1.1: it differs from the version in force and still adds up."""
    for code, points in (("1.1", 8), ("1.2", 9)):
        item = CriteriaItem.objects.get(group__criteria_set=draft, code=code)
        services.update_item(item=item, by=world.province, max_points=Decimal(points))
    return draft


def test_publishing_logs_the_publication_and_the_archiving_of_the_version_before(world, published, draft):
    services.publish_set(criteria_set=_changed(draft, world), by=world.province)
    assert _events(draft) == [("criteria_set", SetStatus.DRAFT, SetStatus.PUBLISHED, "", world.province)]
    assert _events(published) == [
        (
            "criteria_set",
            SetStatus.PUBLISHED,
            SetStatus.ARCHIVED,
            "Lưu trữ khi công bố phiên bản mới",
            world.province,
        )
    ]
    draft.refresh_from_db()
    assert draft.history.first().history_change_reason == "Công bố bộ tiêu chí"
    assert draft.history.first().history_user == world.province


def test_archiving_logs_who_and_from_what(world, published):
    services.archive_set(criteria_set=published, by=world.admin)
    assert _events(published) == [("criteria_set", SetStatus.PUBLISHED, SetStatus.ARCHIVED, "", world.admin)]
    assert published.history.first().history_change_reason == "Lưu trữ bộ tiêu chí"


def test_a_refused_archive_changes_nothing(world, published):
    with pytest.raises(CriteriaError, match="được lưu trữ bộ tiêu chí"):
        services.archive_set(criteria_set=published, by=world.kp_officer)
    services.archive_set(criteria_set=published, by=world.province)
    with pytest.raises(CriteriaError, match="Không thể chuyển bộ tiêu chí từ “Đã lưu trữ” sang “Đã lưu trữ”"):
        services.archive_set(criteria_set=published, by=world.province)
    published.refresh_from_db()
    assert published.status == SetStatus.ARCHIVED
    assert len(_events(published)) == 1


def test_a_refused_publication_changes_nothing(world, published, draft):
    with pytest.raises(CriteriaError, match="được sửa bộ tiêu chí"):
        services.publish_set(criteria_set=_changed(draft, world), by=world.kp_officer)
    with pytest.raises(CriteriaError, match="sao chép thành bản nháp mới"):
        services.publish_set(criteria_set=published, by=world.province)
    draft.refresh_from_db()
    published.refresh_from_db()
    assert (draft.status, published.status) == (SetStatus.DRAFT, SetStatus.PUBLISHED)
    assert not StatusEvent.objects.exists()


def test_the_table_says_who_may_take_each_step(world, published, draft):
    workflow = workflow_of(CriteriaSet)
    assert workflow.can(world.province, draft, SetStatus.PUBLISHED)
    assert not workflow.can(world.kp_officer, draft, SetStatus.PUBLISHED)
    assert workflow.can(world.province, published, SetStatus.ARCHIVED)
    assert not workflow.can(world.kp_officer, published, SetStatus.ARCHIVED)
    assert not workflow.can(world.province, published, SetStatus.DRAFT)
    assert not workflow.can(world.province, draft, SetStatus.ARCHIVED)
