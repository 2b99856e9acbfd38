from django import template

from branches import permissions

register = template.Library()


@register.inclusion_tag("components/breadcrumb.html", takes_context=True)
def unit_breadcrumb(context, unit, tail=""):
    """Breadcrumb of the ancestors of `unit` that the signed-in user may open."""
    user = context["request"].user
    ancestors = [a for a in unit.ancestors() if permissions.can_view_unit(user, a)]
    return {"ancestors": ancestors, "unit": unit, "tail": tail}


@register.filter
def display_name(user) -> str:
    """A user's name in Vietnamese order (family name first), or the user name when none is set."""
    if user is None:
        return ""
    name = f"{user.last_name} {user.first_name}".strip()
    return name or user.username
