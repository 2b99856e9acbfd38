"""The one way to change a status: workflows as data, and `transition`, which locks, checks, saves and logs.

Each app declares its workflows next to its models (`evaluations/cycle/workflow.py`, `members/workflow.py`):

    REGISTRATION = Workflow(
        "registration",
        steps=[Step(DRAFT, SUBMITTED, allowed=can_edit_forms, label="Nộp"), …],
        error=EvaluationError,
    )

and the model names it: `workflow = REGISTRATION` (class attribute). Every status change then goes through
`transition(obj=…, to=…, by=…, reason=…)`: it locks the row, checks the step is in the table and that `by`
may take it, requires a reason where the step says so, saves the new status (and any other fields of the same
change), writes a `StatusEvent` (who, when, from → to, reason), and runs the step's `notify` after commit.
A test fails if app code assigns `.status` anywhere else, or sets an attribute whose name it computes: a
service that saves the fields of a form sets them through `set_fields`, which refuses `status`.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.module_loading import import_string


class TransitionError(Exception):
    """A status change the workflow refuses; `message` is shown to the user as it is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Step:
    """One allowed change of status.

    allowed(user, obj) -> bool says who may take it; None means only the system (by=None), e.g. a worker.
    notify(obj, event) runs after the transaction commits (mail, in-portal notices).
    """

    source: str
    target: str
    allowed: Callable | None = None
    reason_required: bool = False
    label: str = ""
    notify: Callable | None = None


class Workflow:
    """The steps of one workflow; `frozen(obj)` says why no step may be taken now (e.g. "the year is closed"), or
    returns "" — that reason is the user's answer, before any question of who they are."""

    def __init__(
        self,
        name: str,
        steps: Iterable[Step],
        *,
        error: type[Exception] = TransitionError,
        frozen: Callable | None = None,
    ):
        self.name = name
        self.steps = {(step.source, step.target): step for step in steps}
        self.error = error
        self.frozen = frozen

    def step(self, source: str, target: str) -> Step | None:
        return self.steps.get((source, target))

    def frozen_reason(self, obj) -> str:
        return self.frozen(obj) if self.frozen is not None else ""

    def can(self, user, obj, target: str) -> bool:
        """Whether `user` may move `obj` to `target` now (for showing or hiding a button)."""
        step = self.step(obj.status, target)
        return step is not None and not self.frozen_reason(obj) and _permitted(step, user, obj)

    def targets(self, user, obj) -> list[str]:
        return [target for (source, target) in self.steps if source == obj.status and self.can(user, obj, target)]


def workflow_of(model) -> Workflow:
    """The model's workflow: its `workflow` attribute, a Workflow or the dotted path of one (which lets a
    workflow module import its app's models without a cycle)."""
    workflow = model.workflow
    return import_string(workflow) if isinstance(workflow, str) else workflow


def set_fields(obj, fields: dict):
    """Set `obj`'s attributes from `fields` (e.g. a form's cleaned data); a status is refused, it needs `transition`."""
    if "status" in fields:
        raise ValueError(f"{type(obj).__name__}.status changes only through common.workflow.transition.")
    for name, value in fields.items():
        setattr(obj, name, value)
    return obj


def _permitted(step: Step, user, obj) -> bool:
    if step.allowed is None:
        return user is None
    return user is not None and bool(step.allowed(user, obj))


def _status_label(model, value) -> str:
    field = model._meta.get_field("status")
    return str(dict(field.choices).get(value, value)) if field.choices else str(value)


def transition(*, obj, to: str, by, reason: str = "", fields: dict | None = None, prepare: Callable | None = None):
    """Move `obj` to status `to` through its model's workflow; returns the saved, locked object.

    `fields` are saved with the status (e.g. decided_by). `prepare(locked_obj)` runs after the lock and the
    workflow's checks, before the save: it refuses on the fresh row (raise the workflow's error) or sets the
    fields the change derives (a computed level). Raises the workflow's error class with a
    Vietnamese message when the step is not allowed.
    """
    from .models import StatusEvent

    model = type(obj)
    workflow = workflow_of(model)
    reason = (reason or "").strip()
    with transaction.atomic():
        locked = model._base_manager.select_for_update(of=("self",)).get(pk=obj.pk)
        step = workflow.step(locked.status, to)
        if step is None and locked.status == to:  # the losing half of a double click, or a second tab
            raise workflow.error(
                f"Việc này đã được thực hiện: trạng thái hiện tại là “{_status_label(model, to)}”. "
                "Hãy tải lại trang để xem."
            )
        if step is None:
            raise workflow.error(
                f"Không thể chuyển từ “{_status_label(model, locked.status)}” sang “{_status_label(model, to)}”."
            )
        if frozen := workflow.frozen_reason(locked):
            raise workflow.error(frozen)
        if not _permitted(step, by, locked):
            raise workflow.error("Bạn không có quyền thực hiện thao tác này.")
        if step.reason_required and not reason:
            raise workflow.error("Hãy ghi lý do.")
        if prepare is not None:
            prepare(locked)
        source = locked.status
        for name, value in (fields or {}).items():
            setattr(locked, name, value)
        locked.status = to
        if hasattr(locked, "history"):
            locked._change_reason = (reason or step.label or _status_label(model, to))[:100]
            locked._history_user = by
        locked.save()
        event = StatusEvent.objects.create(
            content_type=ContentType.objects.get_for_model(model),
            object_id=locked.pk,
            workflow=workflow.name,
            from_status=source,
            to_status=to,
            reason=reason,
            by=by,
        )
        if step.notify is not None:
            transaction.on_commit(lambda: step.notify(locked, event))
    # Keep the caller's object in step with the row.
    for name in [*(fields or {}), "status"]:
        setattr(obj, name, getattr(locked, name))
    return locked


def events_for(obj):
    """The status events of one object, oldest first."""
    from .models import StatusEvent

    return StatusEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
    ).select_related("by")
