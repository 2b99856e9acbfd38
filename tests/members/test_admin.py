"""The Django admin never deletes registry rows: history, transfers and ratings are kept for good."""

from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from members.models import Member, MemberRating, MemberTransfer, PartyIntroduction, YouthRecord


def members_admins():
    return [model_admin for model, model_admin in admin.site._registry.items() if model._meta.app_label == "members"]


def test_admin_offers_no_delete_for_any_registry_model(world):
    request = RequestFactory().get("/")
    request.user = world.admin
    admins = members_admins()
    assert {model_admin.model for model_admin in admins} >= {
        Member,
        MemberRating,
        MemberTransfer,
        PartyIntroduction,
        YouthRecord,
    }
    for model_admin in admins:  # ImportJob too, should it ever be registered
        assert not model_admin.has_delete_permission(request), model_admin
        assert "delete_selected" not in model_admin.get_actions(request), model_admin


def test_superuser_cannot_delete_a_member_through_the_admin(world, roll, login):
    client = login(world.admin)
    url = reverse("admin:members_member_delete", args=[roll.an.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Member.objects.filter(pk=roll.an.pk).exists()
    changelist = reverse("admin:members_member_changelist")
    client.post(changelist, {"action": "delete_selected", "_selected_action": [roll.an.pk], "post": "yes"})
    assert Member.objects.filter(pk=roll.an.pk).exists()


def changelist_names(client, query: str) -> list[str]:
    response = client.get(reverse("admin:members_member_changelist"), {"q": query})
    assert response.status_code == 200
    return [member.full_name for member in response.context["cl"].result_list]


def test_admin_search_is_the_member_lists_search(world, roll, login):
    client = login(world.admin)
    assert changelist_names(client, "nguyen van an") == ["Nguyễn Văn An"]
    assert changelist_names(client, "066200000001") == ["Nguyễn Văn An"]
    assert changelist_names(client, "DV-001") == ["Nguyễn Văn An"]
    # A middle name alone is not a match there (every match comes from an index), nor is it here.
    assert changelist_names(client, "van") == []
    assert len(changelist_names(client, "")) == Member.objects.count()
