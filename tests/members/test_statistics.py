"""Unit statistics as of a date, the data-quality flags and the unit page panel."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from members.models import Member, MemberRating, MemberStatus, RatingLevel, current_rating_year
from members.statistics import quality_flags, reporting_dates, unit_statistics
from tests.members.conftest import make_member

TODAY = datetime.date(2026, 11, 27)


def test_reporting_dates_are_30_6_and_31_12():
    assert reporting_dates(TODAY) == [
        datetime.date(2026, 6, 30),
        datetime.date(2025, 12, 31),
        datetime.date(2025, 6, 30),
    ]


@pytest.mark.parametrize(
    ("on", "year"),
    [
        (datetime.date(2026, 12, 31), 2026),
        (datetime.date(2026, 12, 2), 2026),
        (datetime.date(2026, 10, 1), 2026),
        (datetime.date(2026, 9, 30), 2025),
        (datetime.date(2026, 6, 30), 2025),
    ],
)
def test_current_rating_year_is_this_year_from_october(on, year):
    assert current_rating_year(on) == year


def test_statistics_count_by_gender_ethnicity_religion_age_and_rating(world, roll):
    MemberRating.objects.create(member=roll.an, year=2025, level=RatingLevel.EXCELLENT, unit=world.units.eaphe_t1)
    stats = unit_statistics(world.units.kp, on=TODAY, today=TODAY, rating_year=2025)
    assert stats.total == 4 and stats.party_members == 1
    assert dict(stats.by_gender) == {"Nam": 2, "Nữ": 2}
    assert dict(stats.by_ethnicity) == {"Kinh": 2, "Ê Đê": 2}
    assert dict(stats.by_religion) == {"Không": 3, "Tin Lành": 1}
    assert dict(stats.by_age)["Trên 30 tuổi"] == 1 and dict(stats.by_age)["Từ 26 đến 30 tuổi"] == 3
    assert dict(stats.by_rating)["Hoàn thành xuất sắc nhiệm vụ"] == 1
    assert dict(stats.by_rating)["Chưa xếp loại"] == 3


def test_statistics_count_admissions_and_their_introducers(world, roll):
    for name in ("Lê Văn Mới", "Lê Thị Mới"):
        make_member(world.units.eaphe_t1, name, admission_decision_date=datetime.date(2026, 3, 26), introducer=roll.an)
    make_member(world.units.eaphe_t2, "Lê Văn Không", admission_decision_date=datetime.date(2026, 3, 26))
    stats = unit_statistics(world.units.eaphe, on=TODAY, today=TODAY, rating_year=2025)
    assert (stats.admitted, stats.admitted_with_introducer, stats.introducers) == (3, 2, 1)


def test_statistics_of_a_past_date_use_the_history_and_late_entries(world, roll):
    today = datetime.date.today()
    yesterday = today - datetime.timedelta(days=1)

    def total(on):
        return unit_statistics(world.units.kp, on=on, today=today, rating_year=2025).total

    # Entered today (as an import would), but in the Đoàn since 2015: they count for yesterday too.
    assert total(yesterday) == 4
    roll.an.joined_date = today
    roll.an.save()
    assert total(yesterday) == 3
    # Bình was on the roll ten days ago and matured today: yesterday she still counts, today she does not.
    ten_days_ago = timezone.now() - datetime.timedelta(days=10)
    Member.objects.filter(pk=roll.binh.pk).update(created_at=ten_days_ago)
    roll.binh.history.update(history_date=ten_days_ago)
    roll.binh.refresh_from_db()
    roll.binh.status = MemberStatus.MATURED
    roll.binh.save()
    assert total(yesterday) == 3
    assert total(today) == 3  # An (joined today), Đức and H'Hen


def test_stats_page_for_a_reporting_date(world, roll, login):
    url = reverse("members:unit_stats", args=[world.units.eaphe.pk])
    response = login(world.secretary).get(url, {"ngay": "30/06/2026"})
    assert response.status_code == 200
    assert response.context["stats"].on == datetime.date(2026, 6, 30)
    assert login(world.outsider).get(url).status_code == 404


def test_flags_find_members_over_30_shared_id_numbers_and_missing_fields(world, roll):
    other = make_member(world.units.tanloi_c1, "Nguyễn Văn An", id_number="066200000002", status=MemberStatus.MATURED)
    roll.binh.id_number = other.id_number
    roll.binh.save()
    roll.an.ethnicity = ""
    roll.an.save()
    flags = quality_flags(world.units.eaphe, today=TODAY)
    assert flags.over_age == 1 and flags.over_age_sample == [roll.dang]
    assert flags.shared_id == 1 and flags.shared_id_sample == [roll.binh]
    assert flags.missing == 1 and flags.missing_sample == [roll.an]


def test_a_member_who_moved_out_is_not_a_shared_id(world, roll):
    make_member(world.units.tanloi_c1, "Nguyễn Văn An", id_number="066200000001", status=MemberStatus.TRANSFERRED)
    assert quality_flags(world.units.eaphe, today=TODAY).shared_id == 0


def test_unit_page_shows_the_members_panel(world, roll, login):
    response = login(world.secretary).get(reverse("branches:unit_detail", args=[world.units.eaphe.pk]))
    page = response.content.decode()
    assert "Sổ đoàn viên" in page and "Cần rà soát" in page
    assert "đoàn viên trên 30 tuổi" in page and "Đặng Văn Đức" in page


def _page_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_unit_panel_keeps_a_constant_number_of_queries(world, login):
    client = login(world.secretary)
    url = reverse("branches:unit_detail", args=[world.units.eaphe.pk])
    make_member(world.units.eaphe_t1, "Lê Văn Số", birth_date=datetime.date(1980, 1, 1), ethnicity="")
    one = _page_queries(client, url)
    for i in range(30):
        make_member(world.units.eaphe_t1, f"Lê Văn Số {i}", birth_date=datetime.date(1980, 1, 1), ethnicity="")
    assert _page_queries(client, url) == one


def test_a_superior_unit_page_shows_the_total_and_links_to_each_flag(world, roll, login):
    response = login(world.kp_officer).get(reverse("branches:unit_detail", args=[world.units.kp.pk]))
    page = response.content.decode()
    assert "Sổ đoàn viên" in page and "Rà soát trong toàn đơn vị" in page
    assert f"don_vi={world.units.kp.pk}&amp;loi=tren-30" in page
    assert "Đặng Văn Đức" not in page  # names are listed on grassroots pages only


@pytest.mark.parametrize(("today", "year"), [(datetime.date(2026, 12, 2), 2026), (datetime.date(2026, 9, 1), 2025)])
def test_stats_page_and_rating_sheet_open_on_the_same_rating_year(world, roll, login, monkeypatch, today, year):
    monkeypatch.setattr("members.views.lists.timezone.localdate", lambda: today)
    client = login(world.secretary)
    stats = client.get(reverse("members:unit_stats", args=[world.units.eaphe.pk]))
    sheet = client.get(reverse("members:rating_sheet", args=[world.units.eaphe_t1.pk]))
    assert stats.context["stats"].rating_year == year
    assert sheet.context["year"] == year
