"""Demo members for the Đắk Lắk demo tree (run by `seed_demo`)."""


def seed(stdout) -> None:
    """Add demo members; a stub until the registry pages land."""
