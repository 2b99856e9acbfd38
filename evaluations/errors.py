"""The app's one refusal: a step of the cycle, an inspection or a commendation that the rules refuse."""

from common.workflow import TransitionError


class EvaluationError(TransitionError):
    """A step that the rules refuse; the message is shown to the user."""
