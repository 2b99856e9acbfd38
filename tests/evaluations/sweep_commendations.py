"""Commendation URLs a sibling-district officer (world.outsider) must get 404 on: a round of Huyện đoàn Krông Pắc,
and the public verification page with a code that does not exist."""

from django.urls import reverse

from .commendation_world import make_round


def sweep_urls(world) -> list[str]:
    kp_round = make_round(world, organiser=world.units.kp)
    names = [
        "commendation_detail",
        "commendation_edit",
        "commendation_override",
        "commendation_finalise",
        "commendation_decision_pdf",
        "commendation_certificates_pdf",
        "commendation_xlsx",
    ]
    return [
        *(reverse(f"evaluations:{name}", args=[kp_round.pk]) for name in names),
        reverse("evaluations:commendation_verify", args=["0000-0000-0000"]),
    ]
