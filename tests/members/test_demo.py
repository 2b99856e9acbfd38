from members import demo
from members.models import Member, MemberRating, MemberStatus, YouthRecord


def test_demo_fills_every_chi_doan_once(world):
    created = demo.seed()
    branches = [world.units.eaphe_t1, world.units.eaphe_t2, world.units.eakenh_t1, world.units.tanloi_c1]
    assert created["members"] == demo.MEMBERS_PER_BRANCH * len(branches)
    for branch in branches:
        assert Member.objects.filter(unit=branch).count() == demo.MEMBERS_PER_BRANCH
    assert MemberRating.objects.filter(year=2025).exists() and MemberRating.objects.filter(year=2024).exists()
    admitted = Member.objects.filter(introducer__isnull=False, admission_decision_number__gt="")
    assert admitted.count() == 2 * len(branches)
    assert YouthRecord.objects.exists()
    # Every member was written with its history row, so the statistics of a past date can find them.
    assert Member.history.count() >= created["members"]
    assert demo.seed()["members"] == 0
    assert Member.objects.count() == created["members"]


def test_demo_names_are_realistic_and_varied(world):
    demo.seed()
    members = list(Member.objects.all())
    ethnicities = {m.ethnicity for m in members}
    assert "Kinh" in ethnicities and "Ê Đê" in ethnicities
    assert all(len(m.full_name.split()) >= 2 and m.sort_key for m in members)
    assert len({m.full_name for m in members}) > len(members) * 0.7
    assert Member.objects.filter(status=MemberStatus.ACTIVE).count() > len(members) * 0.9
