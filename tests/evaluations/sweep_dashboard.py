"""URLs of the dashboards that a sibling-district officer (world.outsider) must get 404 on: Krông Pắc's dashboard,
its Excel and PDF; the entry of a year of another province."""

from django.urls import reverse

from branches.models import Unit, UnitType
from tests.conftest import make_unit

from .sweep import _campaign, _other_province

NAMES = ("dashboard_unit", "dashboard_xlsx", "dashboard_pdf")


def _other_district(world):
    """A district-level unit of Tỉnh đoàn Phú Yên (made once per world)."""
    _other_province(world)
    district = Unit.objects.filter(code="PY-TH").first()
    return district or make_unit(Unit.objects.get(code="PY"), "PY-TH", "Huyện đoàn Tây Hòa", UnitType.DISTRICT)


def sweep_urls(world) -> list[tuple[str, str]]:
    campaign = _campaign(world.units.province, world.province)
    other, _ = _other_province(world)
    kp = world.units.kp
    return [
        (reverse("evaluations:dashboard", args=[other.pk]), "admin"),
        *((reverse(f"evaluations:{name}", args=[campaign.pk, kp.pk]), "kp_officer") for name in NAMES),
    ]


def mixed_urls(world) -> list[tuple[str, str, str]]:
    """This province's year with a district of another province: 404 even to the admin."""
    campaign = _campaign(world.units.province, world.province)
    foreign = _other_district(world)
    return [
        (
            "admin",
            reverse(f"evaluations:{name}", args=[campaign.pk, world.units.kp.pk]),
            reverse(f"evaluations:{name}", args=[campaign.pk, foreign.pk]),
        )
        for name in NAMES
    ]
