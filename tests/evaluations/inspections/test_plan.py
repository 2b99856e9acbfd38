"""The plan view: which grassroots units of a district are not yet inspected this half and this year; the province
sees every district with its counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from branches.models import Unit, UnitType
from evaluations.inspections import contexts, services
from tests.conftest import make_unit

from ..inspection_helpers import record

D = datetime.date


def _plan(unit, year=2026):
    return reverse("evaluations:inspection_plan", args=[unit.pk]) + f"?nam={year}"


def test_plan_rows_show_each_units_inspections_of_the_year(world):
    first = record(world)
    annual = record(world, kind="annual", half=None, inspection_date=D(2026, 11, 2), follow_up_due=None)
    thematic = record(world, kind="thematic", half=None, inspection_date=D(2026, 8, 2), follow_up_due=None)
    record(world, year=2025, inspection_date=D(2025, 3, 1), follow_up_due=None)
    archived = record(world, unit=world.units.eakenh)
    services.archive_inspection(inspection=archived, by=world.kp_officer, reason="Nhầm")
    rows = {row.unit.code: row for row in contexts.plan_rows(world.units.kp, 2026)}
    assert list(rows) == ["DL-KP-EAKENH", "DL-KP-EAPHE"]  # Vietnamese order, without accents
    ea_phe, ea_kenh = rows["DL-KP-EAPHE"], rows["DL-KP-EAKENH"]
    assert (ea_phe.first_half, ea_phe.second_half, ea_phe.annual) == (first, None, annual)
    assert ea_phe.thematic == [thematic]
    assert not any(ea_kenh.done(half) for half in (1, 2, None))


def test_a_unit_dissolved_before_the_year_is_not_in_its_plan(world):
    Unit.objects.filter(pk=world.units.eakenh.pk).update(valid_to=D(2025, 12, 31))
    assert [row.unit.code for row in contexts.plan_rows(world.units.kp, 2026)] == ["DL-KP-EAPHE"]
    assert len(contexts.plan_rows(world.units.kp, 2025)) == 2


def test_the_district_sees_who_is_missing_with_links_to_record(world, login):
    record(world)
    response = login(world.kp_officer).get(_plan(world.units.kp))
    html = response.content.decode()
    assert response.status_code == 200
    create = reverse("evaluations:inspection_create", args=[world.units.eakenh.pk])
    assert f"{create}?loai=six_month&amp;nam=2026&amp;dot=2" in html
    assert f"{create}?loai=annual&amp;nam=2026" in html
    assert response.context["missing_year"] == 2
    missing_only = login(world.kp_officer).get(_plan(world.units.kp) + "&chua=1").context["rows"]
    assert [row.unit.code for row in missing_only] == ["DL-KP-EAKENH", "DL-KP-EAPHE"]  # neither has the yearly one


def test_the_province_sees_every_district_with_counts(world, login):
    record(world)
    record(world, unit=world.units.eakenh, conclusion="khong_dat")
    bmt = {"by": world.outsider, "unit": world.units.tanloi, "inspecting": world.units.bmt}
    record(world, **bmt, half=2, inspection_date=D(2026, 8, 1))
    response = login(world.province).get(_plan(world.units.province))
    districts = {row.unit.code: row for row in response.context["districts"]}
    kp, bmt = districts["DL-KP"], districts["DL-BMT"]
    assert (kp.units, kp.first_half, kp.second_half, kp.annual, kp.failed) == (2, 2, 0, 0, 1)
    assert (bmt.units, bmt.first_half, bmt.second_half) == (1, 0, 1)
    totals = response.context["district_totals"]
    assert (totals.units, totals.first_half, totals.second_half) == (3, 2, 1)
    assert _plan(world.units.kp) in response.content.decode()


def test_plan_home_leads_to_the_users_unit(world, login):
    home = reverse("evaluations:inspection_plan_home")
    assert login(world.kp_officer).get(home).url == reverse("evaluations:inspection_plan", args=[world.units.kp.pk])
    assert login(world.province).get(home).url == reverse("evaluations:inspection_plan", args=[world.units.province.pk])
    assert login(world.secretary).get(home).status_code == 403
    assert login(world.kp_officer).get(home + "?nam=2025").url.endswith("?nam=2025")


def test_plan_access(world, login):
    assert login(world.outsider).get(_plan(world.units.kp)).status_code == 404
    assert login(world.outsider).post(_plan(world.units.kp)).status_code == 404
    assert login(world.secretary).get(_plan(world.units.kp)).status_code == 404
    assert login(world.secretary).get(_plan(world.units.eaphe)).status_code == 403
    assert login(world.kp_officer).get(_plan(world.units.province)).status_code == 404
    assert login(world.kp_officer).post(_plan(world.units.kp)).status_code == 405


@pytest.mark.parametrize("extra_units", [0, 25])
def test_plan_query_count_does_not_grow_with_units(world, login, extra_units):
    for index in range(extra_units):
        unit = make_unit(world.units.kp, f"DL-KP-X{index:02d}", f"Đoàn xã Thêm {index}", UnitType.GRASSROOTS)
        record(world, unit=unit)
    client = login(world.province)
    for url in (_plan(world.units.kp), _plan(world.units.province)):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        # One reads the session's second factor (django-otp's OTPMiddleware): the province signs in in two steps;
        # one the menu's latest year, for its "Tổng quan" link.
        assert len(queries) == {_plan(world.units.kp): 9, _plan(world.units.province): 10}[url], url
