"""URLs of the criteria catalogue that a sibling-district officer (world.outsider) must get 404 on.

Published sets are read by everyone, so the set URLs use a draft (visible only to the provincial committee);
local items and their unit pages belong to Huyện đoàn Krông Pắc.
"""

from django.urls import reverse

from criteria import services
from criteria.models import CriteriaSet, ItemKind


def sweep_urls(world) -> list[str]:
    published = CriteriaSet.objects.get(code="3CD-2023-2027", version=1)
    draft = services.copy_set(criteria_set=published, by=world.province)
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
        reverse(f"criteria:{name}", args=[draft.pk])
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
    return [
        *set_urls,
        reverse("criteria:group_edit", args=[draft.pk, 1]),
        reverse("criteria:item_create", args=[draft.pk, 1]),
        reverse("criteria:level_edit", args=[draft.pk, level.pk]),
        reverse("criteria:level_remove", args=[draft.pk, level.pk]),
        reverse("criteria:item_edit", args=[item.pk]),
        reverse("criteria:item_remove", args=[item.pk]),
        reverse("criteria:item_move", args=[item.pk, "len"]),
        reverse("criteria:local_items", args=[world.units.kp.pk]),
        reverse("criteria:local_items", args=[world.units.eaphe.pk]),
        reverse("criteria:local_item_create", args=[world.units.kp.pk]),
        reverse("criteria:local_item_edit", args=[local.pk]),
        reverse("criteria:local_item_remove", args=[local.pk]),
    ]
