"""A grassroots unit's own figures for one year, from the registry: the evidence the self-assessment shows.

`year_figures(unit, year)` answers {figure key: text} for the keys of criteria.models.RegistryFigure, in a
fixed number of queries, whatever the size of the unit.
"""

from django.db.models import Count, Q

from .models import Member, MemberRating, MemberStatus, PartyIntroduction, YouthRecord, rating_levels_for_year


def year_figures(unit, year: int) -> dict[str, str]:
    members = Member.objects.in_subtree(unit)
    counts = members.aggregate(
        active=Count("pk", filter=Q(status=MemberStatus.ACTIVE)),
        admitted=Count("pk", filter=Q(admission_decision_date__year=year)),
        introduced=Count("pk", filter=Q(admission_decision_date__year=year, introducer__isnull=False)),
        introducers=Count("introducer", filter=Q(admission_decision_date__year=year), distinct=True),
    )
    ratings = dict(
        MemberRating.objects.filter(member__in=members, year=year)
        .values_list("level")
        .annotate(n=Count("pk"))
        .values_list("level", "n")
    )
    labels = {level.value: level.label for level in rating_levels_for_year(year)}
    rated = sum(ratings.values())
    spread = "; ".join(f"{labels.get(level, level)}: {n}" for level, n in ratings.items() if n)
    party = PartyIntroduction.objects.filter(member__in=members, introduced_date__year=year).count()
    youth = YouthRecord.objects.in_subtree(unit).count()
    return {
        "members": f"{counts['active']} đoàn viên đang sinh hoạt",
        "ratings": f"Đã xếp loại {rated}/{counts['active']} đoàn viên năm {year}" + (f" ({spread})" if spread else ""),
        "admissions": f"Kết nạp {counts['admitted']} đoàn viên mới năm {year}",
        "one_plus_one": (
            f"{counts['introduced']} đoàn viên mới có người giới thiệu (1+1), "
            f"do {counts['introducers']} đoàn viên giới thiệu"
        ),
        "party": f"Giới thiệu {party} đoàn viên ưu tú cho Đảng năm {year}",
        "youth": f"{youth} hồ sơ thanh thiếu niên cần giúp đỡ đang theo dõi",
    }
