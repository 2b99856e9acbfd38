"""The import job's workflow as data: which status may follow which, and who may take the step.

Every status change of an ImportJob goes through common.workflow.transition with this table (jobs.py calls it;
nothing else assigns `.status`). Steps without `allowed` are the system's (the request or worker at work, by=None);
the two steps a person takes need the right to keep the roll of the job's unit.
"""

from common.workflow import Step, TransitionError, Workflow
from members.models_import import ImportStatus
from members.permissions import can_edit_members

from .writing import ImportRefused

CHECKING, CHECKED, WRITING, DONE, FAILED = (
    ImportStatus.CHECKING,
    ImportStatus.CHECKED,
    ImportStatus.WRITING,
    ImportStatus.DONE,
    ImportStatus.FAILED,
)


class ImportStepRefused(TransitionError, ImportRefused):
    """The workflow refuses the step (e.g. the job was declared lost meanwhile); an ImportRefused for the views."""


def _keeper_of_the_roll(user, job) -> bool:
    return can_edit_members(user, job.unit)


IMPORT_JOB = Workflow(
    "import_job",
    [
        Step(CHECKING, CHECKED, label="Kiểm tra xong tệp"),
        Step(CHECKING, FAILED, label="Không kiểm tra được tệp"),
        Step(CHECKED, WRITING, _keeper_of_the_roll, label="Xác nhận nhập"),
        Step(WRITING, DONE, label="Ghi xong vào sổ"),
        # The check just before the write found the registry changed: the job waits for a new confirmation.
        Step(WRITING, CHECKED, label="Kiểm tra lại trước khi ghi"),
        Step(WRITING, FAILED, label="Không ghi được"),
        # Nothing was written (every write is all rows or none): the stored file can be checked again.
        Step(FAILED, CHECKING, _keeper_of_the_roll, label="Kiểm tra lại tệp"),
    ],
    error=ImportStepRefused,
)
