"""Unit and account URLs for the sibling-district sweep (see tests/test_url_sweep.py for the interface)."""

from django.urls import reverse

from branches.models import RoleAssignment


def sweep_urls(world):
    u = world.units
    assignment = RoleAssignment.objects.get(user=world.secretary)
    # The district's own page is managed from above (the province); the units below it by the district officer.
    allowed = {u.kp: "province", u.eaphe: "kp_officer", u.eaphe_t1: "kp_officer"}
    urls = [
        (reverse(f"branches:{name}", args=[unit.pk]), allowed[unit])
        for name in ("unit_detail", "unit_edit", "unit_move", "unit_dissolve", "unit_history", "unit_accounts")
        for unit in (u.kp, u.eaphe, u.eaphe_t1)
    ]
    # A chi đoàn has no sub-units, so nobody may open "add a unit" under it: only the units above are swept.
    urls += [(reverse("branches:unit_create", args=[unit.pk]), allowed[unit]) for unit in (u.kp, u.eaphe)]
    return [
        *urls,
        (reverse("branches:unit_terms", args=[u.province.pk]), "province"),
        (reverse("branches:account_reset_password", args=[u.eaphe.pk, world.secretary.pk]), "kp_officer"),
        (reverse("branches:account_reset_two_factor", args=[u.eaphe.pk, world.secretary.pk]), "admin"),
        (reverse("branches:account_revoke", args=[u.eaphe.pk, assignment.pk]), "kp_officer"),
        (reverse("branches:account_restore", args=[u.eaphe.pk, assignment.pk]), "kp_officer"),
        (reverse("branches:unit_search") + f"?q=a&trong={u.kp.pk}", "kp_officer"),
        *(
            (reverse(f"branches:{name}", args=[unit.pk]) + "?q=doan", allowed[unit])
            for name in ("unit_move_picker", "unit_successor_picker")
            for unit in (u.kp, u.eaphe, u.eaphe_t1)
        ),
    ]


def mixed_urls(world):
    """The sibling district's officer with their own Tân Lợi in the URL and an Ea Phê account or role after it."""
    tanloi = world.units.tanloi
    own = RoleAssignment.objects.get(user=world.bmt_secretary)
    foreign = RoleAssignment.objects.get(user=world.secretary)
    return [
        (
            "outsider",
            reverse("branches:account_reset_password", args=[tanloi.pk, world.bmt_secretary.pk]),
            reverse("branches:account_reset_password", args=[tanloi.pk, world.secretary.pk]),
        ),
        (  # only a system administrator removes a second factor: they see every unit, yet not every pairing
            "admin",
            reverse("branches:account_reset_two_factor", args=[tanloi.pk, world.bmt_secretary.pk]),
            reverse("branches:account_reset_two_factor", args=[tanloi.pk, world.secretary.pk]),
        ),
        *(
            (
                "outsider",
                reverse(f"branches:{name}", args=[tanloi.pk, own.pk]),
                reverse(f"branches:{name}", args=[tanloi.pk, foreign.pk]),
            )
            for name in ("account_revoke", "account_restore")
        ),
    ]
