"""URLs of the criteria catalogue for the sibling-district sweep (see tests/test_url_sweep.py for the interface).

Published sets are read by everyone, so the set URLs use a draft (visible only to the provincial committee, who
is the allowed user); local items and their unit pages belong to Huyện đoàn Krông Pắc (its officer is allowed).
"""

from django.urls import reverse

from criteria import services
from criteria.models import CriteriaSet, ItemKind, SetStatus


def _draft(world):
    """The period's one draft (a copy of the shipped set), made on first use."""
    published = CriteriaSet.objects.get(code="3CD-2023-2027", version=1)
    draft = CriteriaSet.objects.filter(code=published.code, status=SetStatus.DRAFT).first()
    return draft or services.copy_set(criteria_set=published, by=world.province)


def sweep_urls(world) -> list[tuple[str, str]]:
    draft = _draft(world)
    item = draft.groups.get(number=1).items.first()
    level = draft.levels.first()
    local = services.add_local_item(
        unit=world.units.kp,
        by=world.kp_officer,
        year=2026,
        group_number=3,
        kind=ItemKind.CHECK,
        text="Tham gia bảo vệ rừng đầu nguồn",
    )
    set_urls = [
        (reverse(f"criteria:{name}", args=[draft.pk]), "province")
        for name in [
            "set_detail",
            "set_edit",
            "level_create",
            "set_publish",
            "set_copy",
            "set_archive",
            "set_pdf",
            "set_xlsx",
        ]
    ]
    for_province = [
        reverse("criteria:group_edit", args=[draft.pk, 1]),
        reverse("criteria:item_create", args=[draft.pk, 1]),
        reverse("criteria:level_edit", args=[draft.pk, level.pk]),
        reverse("criteria:level_remove", args=[draft.pk, level.pk]),
        reverse("criteria:item_edit", args=[item.pk]),
        reverse("criteria:item_remove", args=[item.pk]),
        reverse("criteria:item_move", args=[item.pk, "len"]),
    ]
    for_district = [
        reverse("criteria:local_items", args=[world.units.kp.pk]),
        reverse("criteria:local_items", args=[world.units.eaphe.pk]),
        reverse("criteria:local_item_create", args=[world.units.kp.pk]),
        reverse("criteria:local_item_edit", args=[local.pk]),
        reverse("criteria:local_item_remove", args=[local.pk]),
    ]
    return [*set_urls, *((url, "province") for url in for_province), *((url, "kp_officer") for url in for_district)]


def mixed_urls(world):
    """The provincial committee with the published set in the URL and a level of another set (a draft) after it."""
    published = CriteriaSet.objects.get(code="3CD-2023-2027", version=1)
    draft = _draft(world)
    own, foreign = published.levels.first(), draft.levels.first()
    return [
        (
            "province",
            reverse(f"criteria:{name}", args=[published.pk, own.pk]),
            reverse(f"criteria:{name}", args=[published.pk, foreign.pk]),
        )
        for name in ("level_edit", "level_remove")
    ]
