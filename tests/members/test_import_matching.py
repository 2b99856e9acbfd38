"""The import's matching rules (members/importing/matching.py): which rows are the same person, inside the file and
against the registry, and what an update keeps. Each test pins one rule; CCCD matching is in test_import_service."""

import datetime

import pytest

from members.importing.matching import CARD_OF_ANOTHER, NAMESAKES, SHARED_MEMBER, plan_import
from members.importing.workbook import read_table
from members.importing.writing import ImportRefused, write_import
from members.models import Member, MemberStatus
from tests.members.data.workbooks import member_row, workbook_bytes

AN_BIRTH = datetime.date(2001, 9, 5)  # member_row's default birth date (05/09/2001)
DUPLICATE = "Trùng với dòng {} trong tệp."
CCCD_TAKEN = "Số CCCD này đang thuộc một đoàn viên đang sinh hoạt khác."


def plan_for(rows, unit):
    return plan_import(table=read_table(workbook_bytes(rows)), unit=unit)


def problems_of(plan):
    return [(p.row, p.column, p.value, p.message) for p in plan.problems]


def registered(unit, name="Nguyễn Văn An", *, birth_date=AN_BIRTH, id_number=None, card_number="", **extra):
    return Member.objects.create(
        unit=unit,
        full_name=name,
        birth_date=birth_date,
        gender="nam",
        id_number=id_number,
        card_number=card_number,
        **extra,
    )


# Inside the file


def test_two_rows_with_one_card_number_are_both_flagged(world):
    rows = [member_row(1), member_row(2, name="Phạm Văn Dũng", card_number="TĐV-00001")]
    plan = plan_for(rows, world.units.eaphe)
    assert problems_of(plan) == [
        (3, "Số thẻ đoàn viên", "TĐV-00001", DUPLICATE.format(2)),
        (2, "Số thẻ đoàn viên", "TĐV-00001", DUPLICATE.format(3)),
    ]
    assert plan.creates == []


def test_rows_with_a_card_number_are_not_matched_by_name_and_birth_date(world):
    # Two young people may share a name and a birth date; different card numbers say they are two people.
    rows = [member_row(1, id_number=None), member_row(2, id_number=None)]
    plan = plan_for(rows, world.units.eaphe)
    assert plan.problems == [] and [p.row for p in plan.creates] == [2, 3]


# Against the registry


def test_a_row_matches_a_member_by_card_number(world):
    # The name is corrected in the file, so only the card number can find the record.
    member = registered(world.units.eaphe_t1, "Nguyễn Thành An", card_number="TĐV-00001")
    plan = plan_for([member_row(1)], world.units.eaphe)
    assert plan.creates == [] and [p.member_id for p in plan.updates] == [member.pk]
    assert plan.updates[0].changes["full_name"] == ("Nguyễn Thành An", "Nguyễn Văn An")
    assert plan.updates[0].changes["id_number"] == (None, "066000000001")  # the CCCD the record lacked


def test_a_row_without_cccd_or_card_matches_a_member_by_name_and_birth_date(world):
    member = registered(world.units.eaphe_t1)
    plan = plan_for([member_row(1, id_number=None, card_number=None, phone="0987654321")], world.units.eaphe)
    assert plan.creates == [] and [p.member_id for p in plan.updates] == [member.pk]
    changes = plan.updates[0].changes
    assert changes["phone"] == ("", "0987654321") and "full_name" not in changes and "birth_date" not in changes


def test_the_same_name_with_another_birth_date_is_another_person(world):
    registered(world.units.eaphe_t1, birth_date=datetime.date(2001, 9, 6))
    plan = plan_for([member_row(1, id_number=None, card_number=None)], world.units.eaphe)
    assert plan.updates == [] and len(plan.creates) == 1


def test_the_cccd_is_matched_before_the_card_number(world):
    registered(world.units.eaphe_t1, card_number="TĐV-00001")
    holder = registered(world.units.eaphe_t2, "Lê Thị Hoa", id_number="066000000001")
    plan = plan_for([member_row(1)], world.units.eaphe)
    assert [p.member_id for p in plan.updates] == [holder.pk]


def test_a_name_and_birth_date_match_with_a_different_cccd_is_another_person(world):
    registered(world.units.eaphe_t1, id_number="066299999999")
    plan = plan_for([member_row(1, card_number=None)], world.units.eaphe)  # CCCD 066000000001
    assert plan.problems == [] and plan.updates == [] and len(plan.creates) == 1


def test_a_name_and_birth_date_shared_by_two_members_is_a_problem_not_a_third_record(world):
    registered(world.units.eaphe_t1)
    registered(world.units.eaphe_t2)
    plan = plan_for([member_row(1, id_number=None, card_number=None)], world.units.eaphe)
    assert plan.updates == [] and plan.creates == []
    assert problems_of(plan) == [(2, "Họ và tên", "Nguyễn Văn An", NAMESAKES.format(count=2))]


def test_two_rows_matching_one_member_are_both_problems_and_nothing_is_written(world):
    # Two people with one name and birth date and different CCCDs, against one such member without a CCCD: the
    # registry cannot tell which of them it holds, so neither row may update it (it used to take both in turn).
    member = registered(world.units.eaphe_t1, "Nguyễn Ngọc Giang", birth_date=datetime.date(2002, 10, 8))
    rows = [
        member_row(1, name="Nguyễn Ngọc Giang", birth="08/10/2002"),
        member_row(2, name="Nguyễn Ngọc Giang", birth="08/10/2002"),
    ]
    plan = plan_for(rows, world.units.eaphe)
    message = SHARED_MEMBER.format(rows="2, 3", name="Nguyễn Ngọc Giang", birth=datetime.date(2002, 10, 8))
    assert problems_of(plan) == [
        (2, "Họ và tên", "Nguyễn Ngọc Giang", message),
        (3, "Họ và tên", "Nguyễn Ngọc Giang", message),
    ]
    assert plan.creates == [] and plan.updates == []
    write_import(plan=plan, by=None, source_name="giang.xlsx", skip_invalid=True)
    member.refresh_from_db()
    assert member.id_number is None and Member.objects.filter(full_name="Nguyễn Ngọc Giang").count() == 1


def test_a_card_number_of_a_member_with_another_cccd_is_a_problem(world):
    registered(world.units.eaphe_t1, "Lê Thị Hoa", id_number="066299999999", card_number="TĐV-00001")
    plan = plan_for([member_row(1)], world.units.eaphe)  # CCCD 066000000001, card TĐV-00001
    assert problems_of(plan) == [(2, "Số thẻ đoàn viên", "TĐV-00001", CARD_OF_ANOTHER.format(name="Lê Thị Hoa"))]
    assert plan.creates == [] and plan.updates == []


def test_a_namesake_with_another_card_number_is_another_person(world):
    registered(world.units.eaphe_t1, card_number="TĐV-09999")
    plan = plan_for([member_row(1, id_number=None)], world.units.eaphe)  # card TĐV-00001
    assert plan.problems == [] and plan.updates == [] and len(plan.creates) == 1


@pytest.mark.parametrize("active_at", [0, 1, 2])
def test_among_records_sharing_a_card_number_the_active_one_is_matched(world, active_at):
    # A member who left and came back has old records with the same card number. The other two statuses sort
    # before and after the active one, so neither "the first row found" nor "the last" is the active one by chance,
    # whether the database returns rows as inserted or through an index ending in the status.
    others = iter([MemberStatus.TRANSFERRED, MemberStatus.MATURED])
    statuses = [MemberStatus.ACTIVE if i == active_at else next(others) for i in range(3)]
    records = [registered(world.units.eaphe_t1, card_number="TĐV-00001", status=status) for status in statuses]
    plan = plan_for([member_row(1, id_number=None, occupation="Giáo viên")], world.units.eaphe)
    assert plan.problems == []
    assert [p.member_id for p in plan.updates] == [records[active_at].pk]


def test_a_member_outside_the_importing_unit_is_not_matched(world):
    registered(world.units.eakenh_t1, card_number="TĐV-00001")
    plan = plan_for([member_row(1, id_number=None)], world.units.eaphe)
    assert plan.updates == [] and len(plan.creates) == 1


def test_a_row_matched_by_card_number_cannot_take_the_cccd_of_another_active_member(world):
    registered(world.units.eaphe_t1, card_number="TĐV-00001")
    registered(world.units.tanloi_c1, "Lê Thị Hoa", id_number="066000000001")  # in the other district
    plan = plan_for([member_row(1)], world.units.eaphe)
    assert problems_of(plan) == [(2, "Số CCCD", "066000000001", CCCD_TAKEN)]
    assert plan.updates == [] and plan.creates == []


# What an update keeps


def test_a_row_without_a_chi_doan_keeps_the_members_unit(world):
    member = registered(world.units.eaphe_t2, id_number="066000000001")
    plan = plan_for([member_row(1, unit_code=None, occupation="Giáo viên")], world.units.eaphe)
    assert "unit_id" not in plan.updates[0].changes
    write_import(plan=plan, by=world.secretary, source_name="ds.xlsx")
    member.refresh_from_db()
    assert (member.unit, member.occupation) == (world.units.eaphe_t2, "Giáo viên")


def test_a_row_naming_another_chi_doan_moves_the_member(world):
    member = registered(world.units.eaphe_t2, id_number="066000000001")
    plan = plan_for([member_row(1, unit_code="DL-KP-EAPHE-T1")], world.units.eaphe)
    assert plan.updates[0].changes["unit_id"] == (world.units.eaphe_t2.pk, world.units.eaphe_t1.pk)
    write_import(plan=plan, by=world.secretary, source_name="ds.xlsx")
    member.refresh_from_db()
    assert member.unit == world.units.eaphe_t1


# Between the check and the write


def test_a_new_cccd_taken_by_someone_else_after_the_check_refuses_the_import(world):
    plan = plan_for([member_row(1), member_row(2, name="Phạm Văn Dũng")], world.units.eaphe)
    assert plan.problems == [] and len(plan.creates) == 2
    registered(world.units.tanloi_c1, "Lê Văn Cường", id_number="066000000002")  # entered meanwhile elsewhere
    with pytest.raises(ImportRefused, match="Có số CCCD vừa được dùng cho đoàn viên khác"):
        write_import(plan=plan, by=world.secretary, source_name="ds.xlsx")
    assert Member.objects.count() == 1
