"""CCCD numbers met outside the user's scope: recorded as security events, throttled per day, read by the
province committee. The uniqueness rule itself stays."""

import datetime

import pytest
from django.urls import reverse

from members import services
from members.importing import jobs
from members.models import IdNumberConflict, ImportStatus, Member
from members.services import DUPLICATE_ID_MESSAGE, MemberError
from tests.members.conftest import make_member
from tests.members.data.workbooks import member_row, workbook_bytes

ELSEWHERE = "066200000009"  # Lê Văn Cường, Tân Lợi (Buôn Ma Thuột): outside Ea Phê's scope


def add(world, id_number, by=None, name="Phạm Văn Dũng"):
    return services.create_member(
        unit=world.units.eaphe_t1,
        by=by or world.secretary,
        full_name=name,
        birth_date=datetime.date(2001, 2, 3),
        gender="nam",
        id_number=id_number,
    )


def test_a_form_meeting_a_cccd_outside_the_users_scope_is_refused_and_recorded(world, roll):
    with pytest.raises(MemberError, match=DUPLICATE_ID_MESSAGE):
        add(world, ELSEWHERE)
    event = IdNumberConflict.objects.get()
    assert (event.user, event.unit, event.count) == (world.secretary, world.units.eaphe_t1, 1)
    assert event.source == "Biểu mẫu đoàn viên"


def test_a_cccd_held_inside_the_users_scope_is_refused_without_an_event(world, roll):
    with pytest.raises(MemberError, match=DUPLICATE_ID_MESSAGE):
        add(world, roll.an.id_number)
    assert not IdNumberConflict.objects.exists()


def test_an_edit_meeting_a_cccd_outside_scope_is_recorded(world, roll):
    with pytest.raises(MemberError):
        services.update_member(member=roll.binh, by=world.secretary, id_number=ELSEWHERE)
    assert IdNumberConflict.objects.get().unit == world.units.eaphe_t1


def test_past_the_daily_allowance_new_cccd_numbers_are_refused_until_tomorrow(world, roll, settings):
    settings.CCCD_CONFLICTS_PER_DAY = 2
    for _ in range(2):
        with pytest.raises(MemberError, match=DUPLICATE_ID_MESSAGE):
            add(world, ELSEWHERE)
    with pytest.raises(MemberError, match="tạm thời không nhận số CCCD mới"):
        add(world, "066200000777")  # free, but the answer would still tell
    assert not Member.objects.filter(id_number="066200000777").exists()
    assert IdNumberConflict.objects.count() == 2
    # Work without a new CCCD goes on: a member without one, an edit keeping the member's own number.
    add(world, None, name="Vũ Thị Hạnh")
    services.update_member(member=roll.an, by=world.secretary, id_number=roll.an.id_number, phone="0911111111")
    # Others are not throttled by this user's events.
    add(world, "066200000778", by=world.kp_officer, name="Đinh Văn Khoa")


def test_an_import_records_its_cross_scope_conflicts_once_with_their_count(world, roll):
    make_member(world.units.tanloi_c1, "Hồ Văn Bảy", id_number="066200000010")
    rows = [
        member_row(1, id_number=ELSEWHERE),
        member_row(2, name="Phạm Văn Dũng", id_number="066200000010"),
        member_row(3, name="Nguyễn Văn An", id_number=roll.an.id_number, card_number="DV-001"),
    ]
    job = jobs.start_import(unit=world.units.eaphe, by=world.secretary, file_name="ds.xlsx", data=workbook_bytes(rows))
    assert job.status == ImportStatus.CHECKED
    assert [p["row"] for p in job.problems] == [2, 3]
    event = IdNumberConflict.objects.get()
    assert (event.user, event.unit, event.count, event.source) == (
        world.secretary,
        world.units.eaphe,
        2,
        "Nhập Excel: ds.xlsx",
    )


def test_an_import_past_the_allowance_fails_without_showing_which_rows_conflict(world, roll, settings):
    settings.CCCD_CONFLICTS_PER_DAY = 1
    make_member(world.units.tanloi_c1, "Hồ Văn Bảy", id_number="066200000010")
    rows = [member_row(1, id_number=ELSEWHERE), member_row(2, name="Phạm Văn Dũng", id_number="066200000010")]
    job = jobs.start_import(unit=world.units.eaphe, by=world.secretary, file_name="ds.xlsx", data=workbook_bytes(rows))
    assert job.status == ImportStatus.FAILED
    assert "tạm thời không nhận số CCCD mới" in job.message
    assert job.problems == []
    again = jobs.start_import(
        unit=world.units.eaphe, by=world.secretary, file_name="ds2.xlsx", data=workbook_bytes([member_row(5)])
    )
    assert again.status == ImportStatus.FAILED  # throttled before the file is even read
    assert IdNumberConflict.objects.count() == 1


def test_the_province_committee_reads_the_events_and_others_may_not(world, roll, login):
    with pytest.raises(MemberError):
        add(world, ELSEWHERE)
    url = reverse("member_import:conflicts")
    page = login(world.province).get(url)
    assert page.status_code == 200
    assert "bithu.eaphe" in page.content.decode() and "Chi đoàn thôn 1" in page.content.decode()
    assert 'href="/nhap-excel/trung-cccd/"' in page.content.decode()  # in the user menu
    assert login(world.admin).get(url).status_code == 200
    for user in (world.secretary, world.kp_officer, world.outsider):
        response = login(user).get(url)
        assert response.status_code == 403
        assert "trung-cccd" not in login(user).get(reverse("home")).content.decode()
