"""Who may read and run commendation rounds: the accessor answers 404 outside the user's scope, 403 when read-only.

Reading follows the tree (a round is read by whoever sees its organiser). Running a round is
`workflow.can_run_round`, which the round's workflow table also asks (it stays beside the table: the models import
the workflow, so the workflow cannot import this module).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import CommendationRound
from .workflow import can_run_round


def get_round_for_user(user, pk, *, manage=False) -> CommendationRound:
    """A round of an organiser in the user's scope (404 otherwise); with manage=True, 403 unless the user runs it."""
    try:
        commendation_round = CommendationRound.objects.visible_to(user).select_related("organiser", "term").get(pk=pk)
    except (CommendationRound.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy đợt tuyên dương.") from None
    if manage and not can_run_round(user, commendation_round.organiser):
        raise PermissionDenied("Bạn chỉ được xem đợt tuyên dương này.")
    return commendation_round
