"""Steps of the yearly cycle. Each is one transaction: lock, check, save, log; status changes via `transition`.

One module per record: the year (campaigns), a unit's registration, a unit's evaluation sheet, a reviewing unit's
recognition decision.
"""

from .campaigns import (  # noqa: F401
    CLOSED_MESSAGE,
    STALE_MESSAGE,
    StaleError,
    close_campaign,
    extend_deadline,
    extension_map,
    open_campaign,
    reopen_campaign,
    unit_due,
    update_campaign,
)
from .recognitions import (  # noqa: F401
    RecognitionError,
    issue_recognition,
    recognised_sheets,
    recognition_refusal,
)
from .registrations import (  # noqa: F401
    accept_registration,
    registration_gaps,
    return_registration,
    save_registration,
    start_registration,
    submit_registration,
)
from .sheets import (  # noqa: F401
    add_attachment,
    approve_assessment,
    remove_attachment,
    reopen_assessment,
    return_assessment,
    save_review_answer,
    save_self_answer,
    sheet_result,
    sheet_spec,
    start_assessment,
    submit_assessment,
    unit_spec,
)
