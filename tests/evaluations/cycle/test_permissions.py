"""Allowed/denied pairs for every predicate and accessor of evaluations/cycle/permissions.py, and for the branches
predicates the cycle asks directly (who fills in a unit's forms, who reviews them)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from branches.models import UnitType
from branches.permissions import can_edit_unit_forms, can_review_unit
from evaluations.cycle import permissions, services
from tests.conftest import make_unit

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.mark.parametrize(
    "who, allowed",
    [("province", True), ("admin", True), ("kp_officer", False), ("secretary", False), ("norole", False)],
)
def test_can_manage_campaigns(world, who, allowed):
    assert permissions.can_manage_campaigns(getattr(world, who), world.units.province) is allowed


@pytest.mark.parametrize(
    "who, unit, allowed",
    [
        ("secretary", "eaphe", True),
        ("secretary", "eakenh", False),
        ("secretary", "eaphe_t1", False),
        ("kp_officer", "eaphe", False),
        ("bmt_secretary", "eaphe", False),
    ],
)
def test_can_edit_unit_forms(world, who, unit, allowed):
    assert can_edit_unit_forms(getattr(world, who), getattr(world.units, unit)) is allowed


@pytest.mark.parametrize(
    "who, unit, allowed",
    [
        ("kp_officer", "eaphe", True),
        ("province", "eaphe", True),
        ("outsider", "eaphe", False),
        ("secretary", "eaphe", False),
        ("kp_officer", "kp", False),  # a district is not reviewed
        ("kp_officer", "eaphe_t1", False),  # nor a chi đoàn
    ],
)
def test_can_review_unit(world, who, unit, allowed):
    assert can_review_unit(getattr(world, who), getattr(world.units, unit)) is allowed


@pytest.mark.parametrize(
    "who, unit, allowed",
    [
        ("kp_officer", "kp", True),
        ("province", "kp", True),
        ("province", "province", True),
        ("outsider", "kp", False),
        ("secretary", "kp", False),
        ("kp_officer", "eaphe", False),
    ],
)
def test_can_review_subtree(world, who, unit, allowed):
    assert permissions.can_review_subtree(getattr(world, who), getattr(world.units, unit)) is allowed


@pytest.mark.parametrize("who, allowed", [("province", True), ("kp_officer", False), ("outsider", False)])
def test_can_see_calibration(world, who, allowed):
    assert permissions.can_see_calibration(getattr(world, who), world.units.province) is allowed


def test_campaign_of_another_tree_is_404_and_managing_is_403(world, campaign):
    other_root = make_unit(None, "PY", "Tỉnh đoàn Phú Yên", UnitType.PROVINCE)
    other = services.open_campaign(
        organiser=other_root,
        year=2026,
        by=world.admin,
        registration_due=campaign.registration_due,
        self_assessment_due=campaign.self_assessment_due,
        review_due=campaign.review_due,
    )
    assert permissions.get_campaign_for_user(world.secretary, campaign.pk) == campaign
    with pytest.raises(Http404):
        permissions.get_campaign_for_user(world.province, other.pk)
    with pytest.raises(PermissionDenied):
        permissions.get_campaign_for_user(world.kp_officer, campaign.pk, manage=True)
    assert permissions.get_campaign_for_user(world.province, campaign.pk, manage=True) == campaign


def test_form_unit_must_be_grassroots_in_scope_and_in_the_tree(world, campaign):
    assert permissions.get_form_unit_for_user(world.kp_officer, campaign, world.units.eaphe.pk) == world.units.eaphe
    for who, unit in [("outsider", "eaphe"), ("kp_officer", "eaphe_t1"), ("kp_officer", "kp")]:
        with pytest.raises(Http404):
            permissions.get_form_unit_for_user(getattr(world, who), campaign, getattr(world.units, unit).pk)
    other_root = make_unit(None, "PY", "Tỉnh đoàn Phú Yên", UnitType.PROVINCE)
    foreign = make_unit(other_root, "PY-X", "Đoàn xã X", UnitType.GRASSROOTS)
    with pytest.raises(Http404):
        permissions.get_form_unit_for_user(world.admin, campaign, foreign.pk)


def test_assessment_accessor(world, assessment):
    assert permissions.get_assessment_for_user(world.secretary, assessment.pk) == assessment
    assert permissions.get_assessment_for_user(world.kp_officer, assessment.pk, review=True) == assessment
    with pytest.raises(PermissionDenied):
        permissions.get_assessment_for_user(world.secretary, assessment.pk, review=True)
    with pytest.raises(Http404):
        permissions.get_assessment_for_user(world.outsider, assessment.pk)
    with pytest.raises(Http404):
        permissions.get_assessment_for_user(world.secretary, "x")


def test_answer_and_attachment_accessors(world, assessment):
    answer = assessment.answers.first()
    assert permissions.get_answer_for_user(world.kp_officer, answer.pk) == answer
    with pytest.raises(Http404):
        permissions.get_answer_for_user(world.bmt_secretary, answer.pk)
    record = services.add_attachment(
        answer=answer, by=world.secretary, uploaded=SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf")
    )
    assert permissions.get_attachment_for_user(world.province, record.pk) == record
    with pytest.raises(Http404):
        permissions.get_attachment_for_user(world.outsider, record.pk)
    services.remove_attachment(attachment=record, by=world.secretary)
    with pytest.raises(Http404):
        permissions.get_attachment_for_user(world.secretary, record.pk)
