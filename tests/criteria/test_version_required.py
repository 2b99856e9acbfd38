"""A criteria edit form posted without its version field is refused: it would silently overwrite a concurrent save."""

from django.urls import reverse

from criteria.models import CriteriaItem

REFUSED = "thiếu dấu phiên bản"


def test_criteria_item_edit_without_version_changes_nothing(world, login, draft):
    item = CriteriaItem.objects.get(group__criteria_set=draft, code="1.1")
    data = {"code": "1.1", "text": "Nội dung mới", "kind": "points", "max_points": "7"}
    response = login(world.province).post(reverse("criteria:item_edit", args=[item.pk]), data)
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    item.refresh_from_db()
    assert item.text != "Nội dung mới"
