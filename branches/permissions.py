"""Who may read and change which unit. Predicates answer yes/no; accessors answer 404 or 403."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import Role, Unit, user_assignments

# The province's own roles: they reach its whole tree (manage units, edit criteria, organise the years), and only a
# system administrator hands them out or takes them over.
PROVINCE_ROLES = frozenset({Role.PROVINCE_COMMITTEE, Role.SYSTEM_ADMIN})
# The roles held on superior units (SUPERIOR_TYPES): they oversee the grassroots units below them (review, inspect).
SUPERIOR_ROLES = frozenset({Role.SUPERIOR_OFFICER, *PROVINCE_ROLES})


def _roles_covering(user, unit, *, strictly_below=False):
    """The roles the user holds on `unit` or one of its ancestors (or only on ancestors)."""
    roles = set()
    for assignment in user_assignments(user):
        held_on = assignment.unit
        if unit.path.startswith(held_on.path) and not (strictly_below and held_on.pk == unit.pk):
            roles.add(assignment.role)
    return roles


def holds_role(user, unit, roles, *, strictly_below=False) -> bool:
    """Whether the user holds one of `roles` on `unit` or an ancestor (only on ancestors with strictly_below)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return bool(_roles_covering(user, unit, strictly_below=strictly_below) & frozenset(roles))


def is_system_admin(user) -> bool:
    return user.is_active and (user.is_superuser or any(a.role == Role.SYSTEM_ADMIN for a in user_assignments(user)))


def can_view_unit(user, unit) -> bool:
    """Any role on the unit or an ancestor lets a user read the unit."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or bool(_roles_covering(user, unit))


def can_manage_unit(user, unit) -> bool:
    """Rename, move, dissolve `unit`: the province committee anywhere below the root it holds (and the root's
    own details), a superior officer only strictly inside their own unit."""
    if not can_view_unit(user, unit):
        return False
    if is_system_admin(user):
        return True
    if holds_role(user, unit, PROVINCE_ROLES):
        return True
    return holds_role(user, unit, {Role.SUPERIOR_OFFICER}, strictly_below=True)


def can_add_child(user, parent) -> bool:
    """Create a unit under `parent`: managers anywhere in scope, a superior officer under their own unit too."""
    if not can_view_unit(user, parent) or parent.is_closing or not parent.allowed_child_types():
        return False
    if is_system_admin(user) or holds_role(user, parent, PROVINCE_ROLES):
        return True
    return holds_role(user, parent, {Role.SUPERIOR_OFFICER})


def can_move_unit(user, unit) -> bool:
    """Moving needs management rights and never applies to a tree's root."""
    return unit.depth > 1 and can_manage_unit(user, unit)


def can_manage_accounts(user, unit) -> bool:
    """Officers create and reset accounts for the units below them (as the national member software does).

    The same people as `can_manage_unit`; the account pages and services ask under this name so that they read as
    being about accounts, and so that the two rules can part without touching their callers."""
    return can_manage_unit(user, unit)


def can_administer_role(user, unit, role) -> bool:
    """Create, reset or revoke an account holding `role` on `unit`."""
    if not can_manage_accounts(user, unit):
        return False
    return role not in PROVINCE_ROLES or is_system_admin(user)


def can_administer_user(user, target, assignments) -> bool:
    """Act on `target`'s account (reset its password): only if every role it holds is one `user` could give."""
    if target.pk == user.pk or (target.is_superuser and not user.is_superuser) or not assignments:
        return False
    return all(can_administer_role(user, a.unit, a.role) for a in assignments)


def needs_two_factor(user) -> bool:
    """Those who issue decisions, create accounts and change the tree (the province's own roles, superusers) sign in
    with a second factor; for everyone else it is optional."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or any(a.role in PROVINCE_ROLES for a in user_assignments(user))


def can_reset_two_factor(user, target, assignments) -> bool:
    """Remove `target`'s second factor (a lost phone): a system administrator, for an account they administer."""
    return is_system_admin(user) and can_administer_user(user, target, assignments)


def can_edit_unit_forms(user, unit) -> bool:
    """Fill in the registration and self-assessment of a grassroots unit: its own secretary or officers."""
    if not unit.is_grassroots or unit.is_dissolved():
        return False
    return any(
        a.unit_id == unit.pk and a.role in (Role.GRASSROOTS_SECRETARY, Role.GRASSROOTS_OFFICER)
        for a in user_assignments(user)
    )


def can_review_unit(user, unit) -> bool:
    """Review a grassroots unit: officers of its reviewing superior (or of a unit above it), and the province; the
    same people who manage the unit."""
    return unit.is_grassroots and can_manage_unit(user, unit)


def get_unit_for_user(user, pk, *, manage=False) -> Unit:
    """The unit with `pk` if the user may read it (404 otherwise); with manage=True, 403 if read-only."""
    try:
        unit = Unit.objects.visible_to(user).get(pk=pk)
    except (Unit.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy đơn vị.") from None
    if manage and not can_manage_unit(user, unit):
        raise PermissionDenied("Bạn không có quyền thay đổi đơn vị này.")
    return unit
