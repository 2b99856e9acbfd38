"""Registry URLs for the sibling-district sweep (see tests/test_url_sweep.py for the interface).

The member, transfer and records sit in Ea Phê; Ea Phê's secretary keeps them, and Krông Pắc's officer (above both
ends of the transfer, Ea Phê and Ea Kênh) answers the transfer and opens the district's own pages.
"""

from django.urls import reverse

from members.models import MemberTransfer, PartyIntroduction, YouthCategory, YouthRecord
from tests.members.conftest import make_member


def sweep_urls(world):
    u = world.units
    member = make_member(u.eaphe_t1, "Nguyễn Văn Quét", id_number="066299999999")
    transfer = MemberTransfer.objects.create(member=member, from_unit=u.eaphe_t1, to_unit=u.eakenh)
    introduction = PartyIntroduction.objects.create(member=member, year=2026)
    youth = YouthRecord.objects.create(unit=u.eaphe, full_name="Y Kông Mlô", category=YouthCategory.DIFFICULT)
    urls = [
        (reverse("members:member_list") + f"?don_vi={u.eaphe.pk}", "secretary"),
        (reverse("members:member_create") + f"?don_vi={u.eaphe.pk}", "secretary"),
        (reverse("members:party_outcome", args=[introduction.pk]), "secretary"),
        (reverse("members:youth_edit", args=[youth.pk]), "secretary"),
    ]
    urls += [
        (reverse(f"members:{name}", args=[member.pk]), "secretary")
        for name in (
            "member_detail",
            "member_edit",
            "member_status",
            "member_history",
            "transfer_create",
            "party_introduction_create",
        )
    ]
    urls += [
        (reverse(f"members:{name}", args=[transfer.pk]), "kp_officer")
        for name in ("transfer_detail", "transfer_accept", "transfer_decline", "transfer_cancel", "transfer_letter")
    ]
    for unit in (u.kp, u.eaphe, u.eaphe_t1):
        urls += [
            (reverse(f"members:{name}", args=[unit.pk]), "kp_officer")
            for name in ("unit_stats", "party_list", "youth_list", "youth_create", "member_picker")
        ]
    # Members are rated in their chi đoàn or Đoàn cơ sở: a district has no rating sheet (404 for everybody).
    urls += [(reverse("members:rating_sheet", args=[unit.pk]), "kp_officer") for unit in (u.eaphe, u.eaphe_t1)]
    return urls
