"""Recognition URLs a sibling-district officer (world.outsider) must get 404 on: Huyện đoàn Krông Pắc's page of a
closed year and its issued decision's downloads, which its officer (kp_officer) reads. The page takes a year and a
reviewing unit: a unit of another province under this province's year is a 404 even for the system administrator."""

from django.urls import reverse

from branches.models import Unit, UnitType
from evaluations.models import Campaign
from tests.conftest import make_unit

from .recognition_world import YEAR, closed_year, issue


def _year(world):
    return Campaign.objects.filter(organiser=world.units.province, year=YEAR).first() or closed_year(world)


def sweep_urls(world) -> list[tuple[str, str]]:
    campaign = _year(world)
    decision = issue(world, campaign)
    return [
        (reverse("evaluations:recognition", args=[campaign.pk, world.units.kp.pk]), "kp_officer"),
        (reverse("evaluations:recognition_pdf", args=[decision.pk]), "kp_officer"),
        (reverse("evaluations:recognition_xlsx", args=[decision.pk]), "kp_officer"),
    ]


def mixed_urls(world) -> list[tuple[str, str, str]]:
    campaign = _year(world)
    foreign = Unit.objects.filter(code="PY-DH").first()
    if foreign is None:
        root = Unit.objects.filter(code="PY").first() or make_unit(None, "PY", "Tỉnh đoàn Phú Yên", UnitType.PROVINCE)
        foreign = make_unit(root, "PY-DH", "Thị đoàn Đông Hòa", UnitType.DISTRICT)
    own, mixed = ([campaign.pk, unit.pk] for unit in (world.units.kp, foreign))
    name = "evaluations:recognition"
    return [("admin", reverse(name, args=own), reverse(name, args=mixed))]
