"""Registry URLs that a user of the sibling district (Buôn Ma Thuột) must get 404 on."""

from django.urls import reverse

from members.models import MemberTransfer, PartyIntroduction, YouthCategory, YouthRecord
from tests.members.conftest import make_member


def sweep_urls(world):
    u = world.units
    member = make_member(u.eaphe_t1, "Nguyễn Văn Quét", id_number="066299999999")
    transfer = MemberTransfer.objects.create(member=member, from_unit=u.eaphe_t1, to_unit=u.eakenh)
    introduction = PartyIntroduction.objects.create(member=member, year=2026)
    youth = YouthRecord.objects.create(unit=u.eaphe, full_name="Y Kông Mlô", category=YouthCategory.DIFFICULT)
    urls = [reverse("members:member_list") + f"?don_vi={u.eaphe.pk}"]
    urls += [
        reverse(f"members:{name}", args=[member.pk])
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
        reverse(f"members:{name}", args=[transfer.pk])
        for name in ("transfer_detail", "transfer_accept", "transfer_decline", "transfer_cancel", "transfer_letter")
    ]
    urls.append(reverse("members:party_outcome", args=[introduction.pk]))
    urls.append(reverse("members:youth_edit", args=[youth.pk]))
    for unit in (u.kp, u.eaphe, u.eaphe_t1):
        urls += [
            reverse(f"members:{name}", args=[unit.pk])
            for name in ("rating_sheet", "unit_stats", "party_list", "youth_list", "youth_create", "member_picker")
        ]
    urls.append(reverse("members:member_create") + f"?don_vi={u.eaphe.pk}")
    return urls
