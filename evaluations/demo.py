"""Demo data of the app, seeded by `seed_demo`: the yearly cycle and its recognition decisions, then the
inspections, then the commendation."""

from .commendations import demo as commendations
from .cycle import demo as cycle
from .inspections import demo as inspections


def seed(stdout=None) -> None:
    cycle.seed(stdout=stdout)
    cycle.seed_recognitions(stdout=stdout)
    inspections.seed(stdout=stdout)
    commendations.seed(stdout=stdout)
