"""Commendation rounds as services: rules checked, overrides kept in the history, finalising freezes the list."""

import datetime

import pytest

from common.workflow import events_for
from evaluations.commendations import services
from evaluations.commendations.models import CommendationOverride, CommendationRound
from evaluations.commendations.workflow import CommendationError
from evaluations.models import Conclusion, Inspection, InspectionKind

from ..commendation_world import TODAY, add_results, make_round

DECISION_DATE = datetime.date(2025, 12, 15)


@pytest.fixture
def commendation_round(world):
    add_results(world)
    return make_round(world)


def finalise(commendation_round, user, number="12", date=DECISION_DATE):
    return services.finalise_round(
        commendation_round=commendation_round,
        by=user,
        decision_number=number,
        decision_date=date,
        signer_name="Nguyễn Văn A",
        today=TODAY,
    )


def selected_codes(commendation_round):
    return [v.code for v in services.compute_outcome(commendation_round).selected]


def test_candidates_follow_the_rules_with_a_reason_for_every_unit(world, commendation_round):
    outcome = services.compute_outcome(commendation_round)
    by_code = {v.code: v for v in outcome.verdicts}
    assert set(by_code) == {"DL-KP-EAPHE", "DL-KP-EAKENH", "DL-BMT-TANLOI"}
    assert [v.code for v in outcome.selected] == ["DL-KP-EAPHE", "DL-KP-EAKENH"]
    assert by_code["DL-BMT-TANLOI"].reasons == ("2024: không đạt",)
    assert by_code["DL-KP-EAPHE"].reasons == (
        "xếp thứ 1 trong 2 đơn vị đủ điều kiện của Huyện đoàn Krông Pắc, chỉ tiêu 2",
    )


def test_a_unit_removed_by_hand_leaves_its_place_to_the_next_and_the_decision_lists_it(world):
    add_results(world)
    commendation_round = make_round(world, quota_per_district=1)
    eaphe = world.units.eaphe
    services.override_unit(
        commendation_round=commendation_round, unit=eaphe, action="remove", reason="Có đơn thư.", by=world.province
    )
    outcome = services.compute_outcome(commendation_round)
    assert [v.code for v in outcome.selected] == ["DL-KP-EAKENH"]
    by_code = {v.code: v for v in outcome.verdicts}
    assert by_code["DL-KP-EAKENH"].reasons[-1] == "vào danh sách thay Đoàn xã Ea Phê (loại thủ công)"
    assert "; ".join(by_code["DL-KP-EAPHE"].reasons).startswith("loại thủ công: Có đơn thư; xếp thứ 1 trong 2")
    finalise(commendation_round, world.province)
    assert [e.unit_code for e in commendation_round.entries.all()] == ["DL-KP-EAKENH"]


def test_quota_and_failed_inspection_take_units_out(world, commendation_round):
    services.update_round(
        commendation_round=commendation_round,
        by=world.province,
        today=TODAY,
        **({name: getattr(commendation_round, name) for name in services.RULE_FIELDS} | {"quota_per_district": 1}),
    )
    reasons = {v.code: v.reasons for v in services.compute_outcome(commendation_round).verdicts}
    assert reasons["DL-KP-EAKENH"] == (
        "vượt chỉ tiêu: xếp thứ 2 trong 2 đơn vị đủ điều kiện của Huyện đoàn Krông Pắc, chỉ tiêu 1",
    )
    Inspection.objects.create(
        kind=InspectionKind.ANNUAL,
        year=2024,
        inspecting_unit=world.units.kp,
        inspected_unit=world.units.eaphe,
        inspection_date=datetime.date(2024, 11, 5),
        conclusion=Conclusion.FAILED,
    )
    reasons = {v.code: v.reasons for v in services.compute_outcome(commendation_round).verdicts}
    assert reasons["DL-KP-EAPHE"] == ("2024: kiểm tra không đạt",)
    assert selected_codes(commendation_round) == ["DL-KP-EAKENH"]


def test_rules_outside_the_term_are_refused_and_nothing_is_saved(world):
    add_results(world)
    with pytest.raises(CommendationError, match="Giai đoạn xét phải nằm trong nhiệm kỳ 2022 – 2027"):
        make_round(world, start_year=2020)
    assert not CommendationRound.objects.exists()


def test_only_the_organisers_officers_run_a_round(world):
    with pytest.raises(CommendationError, match="không có quyền"):
        services.create_round(organiser=world.units.province, term=None, number=1, by=world.kp_officer, today=TODAY)
    kp_round = make_round(world, organiser=world.units.kp)
    assert kp_round.organiser == world.units.kp
    with pytest.raises(CommendationError, match="không có quyền"):
        services.override_unit(
            commendation_round=kp_round, unit=world.units.eaphe, action="remove", reason="x", by=world.province
        )


def test_override_needs_a_reason_and_is_kept_in_the_history(world, commendation_round):
    with pytest.raises(CommendationError, match="Hãy ghi lý do"):
        services.override_unit(
            commendation_round=commendation_round,
            unit=world.units.eakenh,
            action="remove",
            reason=" ",
            by=world.province,
        )
    services.override_unit(
        commendation_round=commendation_round,
        unit=world.units.eakenh,
        action="remove",
        reason="Chưa nộp báo cáo",
        by=world.province,
    )
    assert selected_codes(commendation_round) == ["DL-KP-EAPHE"]
    services.withdraw_override(commendation_round=commendation_round, unit=world.units.eakenh, by=world.province)
    assert selected_codes(commendation_round) == ["DL-KP-EAPHE", "DL-KP-EAKENH"]
    override = CommendationOverride.objects.get()
    assert override.withdrawn_at is not None
    assert [h.history_change_reason for h in override.history.order_by("history_date")] == [
        "Chưa nộp báo cáo",
        "Rút lại điều chỉnh",
    ]


def test_finalising_freezes_the_list_and_logs_the_step(world, commendation_round):
    finalise(commendation_round, world.province)
    commendation_round.refresh_from_db()
    assert commendation_round.is_finalised
    assert [e.unit_code for e in commendation_round.entries.all()] == ["DL-KP-EAPHE", "DL-KP-EAKENH"]
    assert len(commendation_round.verification_code) == 12
    assert (
        len({commendation_round.verification_code, *(e.verification_code for e in commendation_round.entries.all())})
        == 3
    )
    assert [e.to_status for e in events_for(commendation_round)] == ["finalised"]
    # A later change to the data does not change the decision.
    world.units.eakenh.assessments.update(recognised=False)
    assert [e.unit_code for e in commendation_round.entries.all()] == ["DL-KP-EAPHE", "DL-KP-EAKENH"]


def test_a_finalised_round_is_frozen(world, commendation_round):
    finalise(commendation_round, world.province)
    with pytest.raises(CommendationError, match="đã ban hành"):
        services.override_unit(
            commendation_round=commendation_round,
            unit=world.units.eaphe,
            action="remove",
            reason="x",
            by=world.province,
        )
    with pytest.raises(CommendationError, match="đã ban hành"):
        services.update_round(
            commendation_round=commendation_round,
            by=world.province,
            today=TODAY,
            **{name: getattr(commendation_round, name) for name in services.RULE_FIELDS},
        )
    with pytest.raises(CommendationError, match="Việc này đã được thực hiện"):
        finalise(commendation_round, world.province, number="13")


def test_finalising_an_empty_list_is_refused_and_nothing_is_saved(world):
    add_results(world)
    empty = make_round(world, min_average_total=99)
    with pytest.raises(CommendationError, match="Danh sách tuyên dương đang trống"):
        finalise(empty, world.province)
    empty.refresh_from_db()
    assert not empty.is_finalised and not empty.entries.exists() and empty.decision_number == ""


def test_decision_date_inside_the_window_is_refused(world, commendation_round):
    with pytest.raises(CommendationError, match="Ngày quyết định phải sau giai đoạn xét 2023 – 2024"):
        finalise(commendation_round, world.province, date=datetime.date(2024, 6, 1))
    assert not CommendationRound.objects.get().is_finalised


def test_decision_number_is_unique_per_issuer(world, commendation_round):
    finalise(commendation_round, world.province, number="12")
    second = (
        make_round(world, number=2)
        if False
        else services.create_round(
            organiser=world.units.province,
            term=commendation_round.term,
            number=2,
            by=world.province,
            today=TODAY,
            **{name: getattr(commendation_round, name) for name in services.RULE_FIELDS},
        )
    )
    with pytest.raises(CommendationError, match="Số quyết định 12 đã dùng"):
        finalise(second, world.province, number="12")
    second.refresh_from_db()
    assert not second.is_finalised and not second.entries.exists()
    # Another issuer may use the same number.
    kp_round = make_round(world, organiser=world.units.kp)
    finalise(kp_round, world.kp_officer, number="12")


def test_demo_finalises_round_one_once(world):
    from evaluations.commendations import demo

    from ..commendation_world import term_of

    term_of(world)
    assert demo.seed() is None  # no reviews yet: nothing to commend, nothing half-made
    assert not CommendationRound.objects.exists()
    add_results(world)
    first = demo.seed()
    assert first.is_finalised and first.decision_number == "125"
    # The demo seeds its inspections first; a unit with a failed one in the window is left out, as the rule says.
    failed = set(
        Inspection.objects.filter(
            year__in=[2023, 2024], conclusion=Conclusion.FAILED, archived_at__isnull=True
        ).values_list("inspected_unit__code", flat=True)
    )
    expected = [code for code in ["DL-KP-EAPHE", "DL-KP-EAKENH"] if code not in failed]
    assert expected and [e.unit_code for e in first.entries.all()] == expected
    assert demo.seed().pk == first.pk
    assert CommendationRound.objects.count() == 1


def test_the_decision_lists_districts_in_vietnamese_order(world):
    from evaluations.models import Assessment

    add_results(world)
    Assessment.objects.filter(unit=world.units.tanloi).update(recognised=True, level_code="dat")
    world.units.bmt.name = "Đoàn Khối các cơ quan tỉnh"
    world.units.bmt.save()
    finalised = finalise(make_round(world), world.province)
    assert [(e.district_name, e.unit_code) for e in finalised.entries.all()] == [
        ("Đoàn Khối các cơ quan tỉnh", "DL-BMT-TANLOI"),
        ("Huyện đoàn Krông Pắc", "DL-KP-EAPHE"),
        ("Huyện đoàn Krông Pắc", "DL-KP-EAKENH"),
    ]
