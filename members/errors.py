"""The registry's refusals: raised by members.services, by the workflows' transitions and by the CCCD guard."""


class MemberError(Exception):
    """A registry change that the rules refuse; the message is shown to the user."""


class StaleError(MemberError):
    """Someone else saved the record after the form was opened; the form is shown again with the user's input."""


class IdNumberTaken(MemberError):
    """The CCCD is held by another active member (`holder_id`); members.conflicts records it when out of scope."""

    def __init__(self, message: str, *, holder_id: int):
        super().__init__(message)
        self.holder_id = holder_id
