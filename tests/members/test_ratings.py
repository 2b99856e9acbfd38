"""The yearly rating of a whole chi đoàn on one screen."""

import pytest
from django.urls import reverse

from members.models import MemberRating, RatingLevel


def sheet(world, year=2025):
    return reverse("members:rating_sheet", args=[world.units.eaphe_t1.pk]) + f"?nam={year}"


def post_sheet(client, url, data):
    """Post the sheet as the browser does: with the version the page carried when it was opened."""
    version = client.get(url).context["form"]["version"].value()
    return client.post(url, {"version": version, **data})


def test_sheet_lists_the_active_members_with_the_levels_of_the_year(world, roll, login):
    response = login(world.secretary).get(sheet(world, 2025))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nguyễn Văn An" in page and "Trần Thị Bình" in page and "Đặng Văn Đức" not in page
    assert "Hoàn thành xuất sắc nhiệm vụ" in page and "Trung bình" not in page
    old = login(world.secretary).get(sheet(world, 2021)).content.decode()
    assert "Trung bình" in old and "Hoàn thành xuất sắc nhiệm vụ" not in old


def test_secretary_rates_the_chi_doan_in_one_post(world, roll, login):
    data = {f"m{roll.an.pk}": "htxs", f"m{roll.binh.pk}": "htt"}
    response = post_sheet(login(world.secretary), sheet(world), data)
    assert response.status_code == 302
    ratings = dict(MemberRating.objects.filter(year=2025).values_list("member__full_name", "level"))
    assert ratings == {"Nguyễn Văn An": "htxs", "Trần Thị Bình": "htt"}
    rating = MemberRating.objects.get(member=roll.an, year=2025)
    assert rating.rated_by == world.secretary and rating.unit == world.units.eaphe_t1


def test_changing_a_rating_updates_it_and_keeps_history(world, roll, login):
    client = login(world.secretary)
    post_sheet(client, sheet(world), {f"m{roll.an.pk}": "htt"})
    post_sheet(client, sheet(world), {f"m{roll.an.pk}": "htxs"})
    rating = MemberRating.objects.get(member=roll.an, year=2025)
    assert rating.level == RatingLevel.EXCELLENT
    assert rating.history.count() == 2


def test_a_level_of_another_period_is_refused(world, roll, login):
    response = login(world.secretary).post(sheet(world, 2021), {f"m{roll.an.pk}": "htxs"})
    assert response.status_code == 200
    assert not MemberRating.objects.exists()


def test_read_only_user_sees_the_sheet_but_cannot_post(world, roll, login):
    client = login(world.province)
    assert client.get(sheet(world)).status_code == 200
    assert client.post(sheet(world), {f"m{roll.an.pk}": "htxs"}).status_code == 403
    assert not MemberRating.objects.exists()


def test_outsider_gets_404(world, roll, login):
    assert login(world.outsider).post(sheet(world), {f"m{roll.an.pk}": "htxs"}).status_code == 404


def test_sheet_is_only_for_units_that_hold_members(world, login):
    url = reverse("members:rating_sheet", args=[world.units.kp.pk])
    assert login(world.kp_officer).get(url).status_code == 404


def test_a_stale_sheet_is_refused_then_saved_on_purpose(world, roll, login):
    client = login(world.secretary)
    opened = client.get(sheet(world)).context["form"]["version"].value()
    login(world.kp_officer).post(sheet(world), {f"m{roll.an.pk}": "htt", "version": opened})
    client = login(world.secretary)
    response = client.post(sheet(world), {f"m{roll.an.pk}": "htxs", "version": opened})
    assert "vừa được người khác lưu" in response.content.decode()
    assert MemberRating.objects.get(member=roll.an, year=2025).level == RatingLevel.GOOD
    # The re-shown sheet keeps her choice and carries the new version: saving again overwrites knowingly.
    form = response.context["form"]
    assert form[f"m{roll.an.pk}"].value() == "htxs"
    client.post(sheet(world), {f"m{roll.an.pk}": "htxs", "version": form["version"].value()})
    assert MemberRating.objects.get(member=roll.an, year=2025).level == RatingLevel.EXCELLENT


def save_between_check_and_write(monkeypatch, member, *, on_call):
    """Another user's first save of the year lands just after the sheet's check, before this save writes."""
    from members import services

    real, calls = services.rating_sheet_version, []

    def version(ratings):
        calls.append(1)
        result = real(ratings)
        if len(calls) == on_call:
            MemberRating.objects.create(member=member, year=2025, level=RatingLevel.GOOD, unit=member.unit)
        return result

    monkeypatch.setattr(services, "rating_sheet_version", version)


def test_two_first_saves_of_the_year_at_once_refuse_the_second_with_a_message(world, roll, monkeypatch):
    from members import services

    save_between_check_and_write(monkeypatch, roll.an, on_call=1)
    with pytest.raises(services.StaleError, match="vừa được người khác lưu"):
        services.rate_members(
            unit=world.units.eaphe_t1,
            year=2025,
            levels={roll.binh.pk: "htt", roll.an.pk: "htxs"},
            by=world.secretary,
            expected_version="0:",
        )
    # Nothing of the refused save is kept, not even the row written before the clash.
    assert not MemberRating.objects.filter(member=roll.binh).exists()


def test_a_sheet_saved_by_someone_else_at_the_same_instant_is_shown_again_then_saved(world, roll, login, monkeypatch):
    client = login(world.secretary)
    opened = client.get(sheet(world)).context["form"]["version"].value()
    save_between_check_and_write(monkeypatch, roll.an, on_call=2)  # the view's own check is call 1
    response = client.post(sheet(world), {f"m{roll.an.pk}": "htxs", "version": opened})
    assert response.status_code == 200 and "vừa được người khác lưu" in response.content.decode()
    monkeypatch.undo()
    form = response.context["form"]
    client.post(sheet(world), {f"m{roll.an.pk}": "htxs", "version": form["version"].value()})
    assert MemberRating.objects.get(member=roll.an, year=2025).level == RatingLevel.EXCELLENT
