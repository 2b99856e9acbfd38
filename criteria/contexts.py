"""Context builders: every query a criteria page or document needs, done here, in a fixed number of queries."""

from django.utils import timezone

from branches.models import Unit, user_assignments
from common.documents import DocumentSignature, document_header

from . import permissions
from .changes import set_changes
from .models import CriteriaSet, LocalItem, SetStatus
from .scoring import consistency_errors
from .specs import load_set, set_snapshot, set_spec


def set_page_context(criteria_set: CriteriaSet, *, user) -> dict:
    """A set (loaded with `specs.load_set`) for its page; drafts also list what does not add up yet.

    The other versions are those `user` may open: drafts only for the editors of criteria.
    """
    groups = list(criteria_set.groups.all())
    versions = CriteriaSet.objects if permissions.can_edit_criteria(user) else CriteriaSet.objects.readable()
    return {
        "criteria_set": criteria_set,
        "groups": groups,
        "levels": list(criteria_set.levels.all()),
        "consistency": consistency_errors(set_spec(criteria_set)) if criteria_set.is_draft else [],
        "other_versions": versions.filter(code=criteria_set.code).exclude(pk=criteria_set.pk),
    }


def publish_context(draft: CriteriaSet) -> dict:
    """The confirmation page of publishing `draft` (loaded): what it changes against the version in force."""
    in_force = CriteriaSet.objects.filter(code=draft.code, status=SetStatus.PUBLISHED).first()
    changes = set_changes(set_snapshot(load_set(in_force.pk)), set_snapshot(draft)) if in_force else []
    return {
        "criteria_set": draft,
        "in_force": in_force,
        "changes": changes,
        "identical": in_force is not None and not changes,
        "consistency": consistency_errors(set_spec(draft)),
    }


def local_sections_for_user(user, criteria_set: CriteriaSet) -> list[dict]:
    """The local items that concern the user: their own superior unit's, or those their grassroots unit follows."""
    if criteria_set.status != SetStatus.PUBLISHED:
        return []
    superiors = {}
    for assignment in user_assignments(user):
        unit = assignment.unit
        superior = unit.reviewing_superior() if unit.is_grassroots else unit
        if superior is not None and superior.unit_type in permissions.LOCAL_ITEM_UNIT_TYPES:
            superiors[superior.pk] = superior
    if not superiors:
        return []
    items = LocalItem.objects.filter(
        unit__in=list(superiors),
        period_code=criteria_set.code,
        year__range=(criteria_set.first_year, criteria_set.last_year),
    ).order_by("unit_id", "-year", "group_number", "code")
    sections = {pk: {"unit": unit, "items": [], "can_manage": False} for pk, unit in superiors.items()}
    for item in items:
        sections[item.unit_id]["items"].append(item)
    for section in sections.values():
        section["can_manage"] = permissions.can_manage_local_items(user, section["unit"])
    return list(sections.values())


def local_items_context(unit: Unit, *, user, year=None) -> dict:
    """Local items of a superior unit, or those a grassroots unit follows (its reviewing superior's)."""
    superior = unit if unit.unit_type in permissions.LOCAL_ITEM_UNIT_TYPES else None
    if unit.is_grassroots:
        superior = unit.reviewing_superior()
        superior = superior if superior and superior.unit_type in permissions.LOCAL_ITEM_UNIT_TYPES else None
    items = LocalItem.objects.filter(unit=superior) if superior else LocalItem.objects.none()
    years = sorted(set(items.values_list("year", flat=True)), reverse=True)
    try:
        year = int(year) if year else None
    except ValueError:
        year = None
    if year:
        items = items.filter(year=year)
    return {
        "unit": unit,
        "superior": superior,
        "items": list(items.order_by("-year", "group_number", "code")),
        "years": years,
        "year": year,
        "can_manage": superior is not None
        and superior.pk == unit.pk
        and permissions.can_manage_local_items(user, unit),
        "today": timezone.localdate(),
    }


def document_context(criteria_set: CriteriaSet, *, issuer: Unit | None, today=None) -> dict:
    """Everything the PDF and Excel renderers of a set need (they make no queries of their own)."""
    today = today or timezone.localdate()
    groups = [{"group": group, "items": list(group.items.all())} for group in criteria_set.groups.all()]
    guidance = [
        f"Hướng dẫn số {doc}" for doc in (criteria_set.central_document, criteria_set.provincial_document) if doc
    ]
    return {
        "title": f"Bộ tiêu chí {criteria_set.name}",
        "criteria_set": criteria_set,
        "groups": groups,
        "levels": list(criteria_set.levels.all()),
        "guidance": guidance,
        "header": document_header(issuer, doc_type="HD", department="TCKT", date=today) if issuer else None,
        "signature": DocumentSignature(
            on_behalf="TM. BAN THƯỜNG VỤ",
            position="BÍ THƯ",
            recipients=("Các đơn vị Đoàn cấp huyện và tương đương;", "Lưu VP, TCKT."),
        ),
        "status_note": "" if criteria_set.status == SetStatus.PUBLISHED else criteria_set.get_status_display(),
        "today": today,
    }
