"""The commendation round's workflow as data: a draft round is finalised once, and a finalised round is frozen."""

from common.workflow import Step, Workflow
from evaluations.cycle.permissions import can_issue_decisions
from evaluations.errors import EvaluationError

DRAFT, FINALISED = "draft", "finalised"


class CommendationError(EvaluationError):
    """A change to a commendation round that the rules refuse; the message is shown to the user."""


def can_run_round(user, organiser) -> bool:
    """The province's committee runs the province's rounds; a district-level unit's officers run its own."""
    return can_issue_decisions(user, organiser)


def _runner(user, commendation_round) -> bool:
    return can_run_round(user, commendation_round.organiser)


# No step leaves FINALISED: a signed decision is not reopened in the portal.
ROUND = Workflow(
    "commendation_round",
    [Step(DRAFT, FINALISED, _runner, label="Ban hành quyết định tuyên dương")],
    error=CommendationError,
)
