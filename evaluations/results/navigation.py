"""The navigation bar's "Tổng quan": a link straight to the dashboard page the user opens, shown only to those who
have one (a grassroots secretary has none: the link was a 404 for them, and two redirects for everyone else)."""

from django.urls import reverse

from branches.models import SUPERIOR_TYPES, Unit, user_assignments
from evaluations.cycle import permissions
from evaluations.cycle.models import Campaign


def dashboard_scope(user, campaign: Campaign) -> Unit | None:
    """The unit whose dashboard the user opens by default: the province for its officers, else their own reviewing
    unit in the campaign's tree; None when they have none (e.g. a grassroots secretary)."""
    if permissions.can_see_calibration(user, campaign.organiser):
        return campaign.organiser
    units = [
        a.unit
        for a in user_assignments(user)
        if a.unit.unit_type in SUPERIOR_TYPES and a.unit.path.startswith(campaign.organiser.path)
    ]
    return min(units, key=lambda unit: (unit.depth, unit.path)) if units else None


def latest_campaign(user) -> Campaign | None:
    return Campaign.objects.visible_to(user).select_related("organiser").order_by("-year").first()


def dashboard_url(user) -> str:
    """The address of the user's dashboard for the latest year they see, or "" when they have no dashboard."""
    if not user.is_superuser and not any(a.unit.unit_type in SUPERIOR_TYPES for a in user_assignments(user)):
        return ""  # no query for those who review nothing
    campaign = latest_campaign(user)
    scope = dashboard_scope(user, campaign) if campaign is not None else None
    return reverse("evaluations:dashboard_unit", args=[campaign.pk, scope.pk]) if scope is not None else ""


def dashboard_link(request) -> dict:
    """Context processor: `dashboard_url`, worked out only when the navigation bar reads it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"dashboard_url": lambda: dashboard_url(user)}
