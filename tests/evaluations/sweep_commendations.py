"""Commendation URLs a sibling-district officer (world.outsider) must get 404 on: a round of Huyện đoàn Krông Pắc,
which its officer (kp_officer) runs. The public verification page takes its code in the query string: no id here."""

from django.urls import reverse

from .commendation_world import make_round


def sweep_urls(world) -> list[tuple[str, str]]:
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
    return [(reverse(f"evaluations:{name}", args=[kp_round.pk]), "kp_officer") for name in names]
