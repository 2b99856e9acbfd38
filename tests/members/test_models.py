import datetime

import pytest
from django.db import IntegrityError

from members.models import Member, MemberRating, MemberStatus, RatingLevel, rating_levels_for_year
from tests.members.conftest import make_member


def test_saving_splits_the_name_and_fills_search_and_sort_keys(world):
    member = make_member(world.units.eaphe_t1, "  Nguyễn   Thị  Thu Hà ")
    assert member.full_name == "Nguyễn Thị Thu Hà"
    assert (member.family_name, member.middle_name, member.given_name) == ("Nguyễn", "Thị Thu", "Hà")
    assert member.name_search == "nguyen thi thu ha"
    assert member.sort_key


def test_visible_to_covers_the_subtrees_of_the_users_roles(world, roll):
    assert set(Member.objects.visible_to(world.secretary)) == {roll.an, roll.binh, roll.dang}
    assert set(Member.objects.visible_to(world.kp_officer)) == {roll.an, roll.binh, roll.dang, roll.kenh}
    assert set(Member.objects.visible_to(world.outsider)) == {roll.tanloi}
    assert Member.objects.visible_to(world.province).count() == 5
    assert Member.objects.visible_to(world.norole).count() == 0


def test_an_id_number_is_unique_among_active_members_only(world, roll):
    roll.an.status = MemberStatus.MATURED
    roll.an.save()
    make_member(world.units.eakenh_t1, "Nguyễn Văn An", id_number="066200000001")  # the old record is not active
    with pytest.raises(IntegrityError):
        make_member(world.units.eakenh_t1, "Lê Thị Trùng", id_number="066200000001")


def test_blank_id_numbers_never_collide(world):
    make_member(world.units.eaphe_t1, "Lê Văn Một", id_number="")
    make_member(world.units.eaphe_t1, "Lê Văn Hai", id_number="")
    assert Member.objects.filter(id_number__isnull=True).count() == 2


def test_rating_levels_change_in_2023():
    assert rating_levels_for_year(2023)[0] == RatingLevel.EXCELLENT
    assert rating_levels_for_year(2022)[0] == RatingLevel.OLD_EXCELLENT


def test_a_rating_must_use_the_levels_of_its_year(world, roll):
    MemberRating.objects.create(member=roll.an, year=2022, level=RatingLevel.OLD_GOOD, unit=world.units.eaphe_t1)
    with pytest.raises(IntegrityError):
        MemberRating.objects.create(member=roll.an, year=2024, level=RatingLevel.OLD_GOOD, unit=world.units.eaphe_t1)


def test_age_on_counts_whole_years(world):
    member = make_member(world.units.eaphe_t1, "Lê Văn Tuổi", birth_date=datetime.date(1996, 6, 30))
    assert member.age_on(datetime.date(2026, 6, 29)) == 29
    assert member.age_on(datetime.date(2026, 6, 30)) == 30
