"""Allowed/denied pairs for evaluations/commendations/permissions.py: a round in scope, 404 outside, 403 read-only."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from evaluations.commendations.permissions import get_round_for_user

from ..commendation_world import add_results, make_round


@pytest.fixture
def kp_round(world):
    add_results(world)
    return make_round(world, organiser=world.units.kp)


def test_the_district_officer_runs_the_districts_round(world, kp_round):
    assert get_round_for_user(world.kp_officer, kp_round.pk, manage=True) == kp_round


def test_the_province_reads_a_districts_round_but_does_not_run_it(world, kp_round):
    assert get_round_for_user(world.province, kp_round.pk) == kp_round
    with pytest.raises(PermissionDenied):
        get_round_for_user(world.province, kp_round.pk, manage=True)


def test_another_districts_officer_gets_404(world, kp_round):
    with pytest.raises(Http404):
        get_round_for_user(world.outsider, kp_round.pk)


@pytest.mark.parametrize("pk", [0, "x", None])
def test_an_unknown_or_malformed_id_gets_404(world, pk):
    with pytest.raises(Http404):
        get_round_for_user(world.province, pk)
