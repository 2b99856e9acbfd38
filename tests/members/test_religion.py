"""Religion normalised to the recognised religions: the table, the forms, the statistics and the migration."""

import datetime

import pytest
from django.urls import reverse

from members.models import Member, YouthRecord
from members.religion import RELIGION_NAMES, normalise_religion
from members.statistics import unit_statistics
from tests.members.conftest import make_member
from tests.members.test_member_views import member_data
from tests.members.test_migrations import run_migration

TODAY = datetime.date(2026, 11, 27)


def test_there_are_16_recognised_religions():
    assert len(RELIGION_NAMES) == len(set(RELIGION_NAMES)) == 16


@pytest.mark.parametrize(
    ("typed", "recognised"),
    [
        ("Tin lành", "Tin Lành"),
        ("TIN LÀNH", "Tin Lành"),
        ("tin lanh", "Tin Lành"),
        ("Đạo Tin Lành", "Tin Lành"),
        ("Thiên Chúa giáo", "Công giáo"),
        ("cong giao", "Công giáo"),
        ("Phật giáo Hoà Hảo", "Phật giáo Hòa Hảo"),
        ("Cao đài", "Cao Đài"),
        ("Không", ""),
        ("không", ""),
        ("khong", ""),
        ("Không có", ""),
        ("-", ""),
        ("", ""),
        ("Đạo Ông Trời", None),
    ],
)
def test_usual_spellings_map_to_the_recognised_name(typed, recognised):
    assert normalise_religion(typed) == recognised


def test_the_member_form_stores_the_recognised_name(world, login):
    data = member_data(unit=world.units.eaphe_t1.pk, religion="tin lanh")
    login(world.secretary).post(reverse("members:member_create"), data)
    assert Member.objects.get().religion == "Tin Lành"


def test_an_unrecognised_religion_is_refused_and_the_input_kept(world, login):
    data = member_data(unit=world.units.eaphe_t1.pk, religion="Đạo Ông Trời")
    response = login(world.secretary).post(reverse("members:member_create"), data)
    page = response.content.decode()
    assert "không có trong danh mục tôn giáo được công nhận" in page and 'value="Đạo Ông Trời"' in page
    assert not Member.objects.exists()


def test_the_member_form_offers_the_recognised_religions(world, login):
    page = login(world.secretary).get(reverse("members:member_create")).content.decode()
    assert 'list="id_religion-goi-y"' in page and '<option value="Phật giáo Hòa Hảo">' in page


def test_any_writer_stores_a_recognised_spelling(world):
    member = make_member(world.units.eaphe_t1, "Nguyễn Văn An", religion="tin lành")
    unit = world.units.eaphe
    record = YouthRecord.objects.create(unit=unit, category="ton_giao", full_name="Y Bih", religion="Không")
    assert (member.religion, record.religion) == ("Tin Lành", "")


def test_statistics_count_one_row_per_religion(world):
    for name, religion in [("Y Một", "Tin lành"), ("Y Hai", "Tin Lành"), ("Y Ba", "Không"), ("Y Bốn", "")]:
        member = make_member(world.units.eaphe_t1, name)
        Member.objects.filter(pk=member.pk).update(religion=religion)  # as typed before the check existed
    stats = unit_statistics(world.units.kp, on=TODAY, today=TODAY, rating_year=2025)
    assert sorted(stats.by_religion) == [("Không", 2), ("Tin Lành", 2)]


def test_the_member_list_filter_finds_every_spelling(world, login):
    make_member(world.units.eaphe_t1, "Y Một", religion="Tin Lành")
    page = login(world.secretary).get(reverse("members:member_list") + "?ton_giao=tin+lanh")
    assert [m.full_name for m in page.context["rows"]] == ["Y Một"]


def test_migration_normalises_existing_rows(world):
    kept = make_member(world.units.eaphe_t1, "Y Một")
    Member.objects.filter(pk=kept.pk).update(religion="Đạo Ông Trời")
    typed = make_member(world.units.eaphe_t1, "Y Hai")
    Member.objects.filter(pk=typed.pk).update(religion="tin lành")
    none = make_member(world.units.eaphe_t1, "Y Ba")
    Member.objects.filter(pk=none.pk).update(religion="Không")
    run_migration("0011_normalise_religion", "normalise")
    religions = dict(Member.objects.values_list("full_name", "religion"))
    assert religions == {"Y Một": "Đạo Ông Trời", "Y Hai": "Tin Lành", "Y Ba": ""}
