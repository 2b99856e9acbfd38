"""The bridge from the database to the pure scoring module, as the evaluations app will use it."""

from decimal import Decimal

from criteria import services
from criteria.models import ItemKind
from criteria.scoring import score_set
from criteria.specs import load_set, spec_for_unit


def test_unit_is_scored_on_the_set_plus_its_district_local_items(world, published):
    services.add_local_item(
        unit=world.units.kp, by=world.kp_officer, year=2027, group_number=3, kind=ItemKind.CHECK, text="Trồng cây"
    )
    criteria_set = load_set(published.pk)
    eaphe = spec_for_unit(criteria_set, world.units.eaphe, 2027)
    assert [i.code for i in eaphe.groups[2].items] == ["3.1", "3.2", "3.3", "3.4", "3.5", "ĐP3.1"]
    assert eaphe.groups[2].items[-1].is_local
    assert [i.code for i in spec_for_unit(criteria_set, world.units.eaphe, 2026).groups[2].items][-1] == "3.5"
    assert [i.code for i in spec_for_unit(criteria_set, world.units.tanloi, 2027).groups[2].items][-1] == "3.5"

    full = {item.code: item.max_points for item in eaphe.items() if not item.is_local}
    result = score_set(eaphe, {**full, "ĐP3.1": False})
    assert result.total == Decimal(100) and result.level is None
    assert result.reasons == ("Nhóm 3: tiêu chí ĐP3.1 (địa phương) không đạt",)
    assert score_set(eaphe, {**full, "ĐP3.1": True}).level.code == "xuat_sac"
