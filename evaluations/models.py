"""The app's models, one module per topic package; Django and the migrations find them all here."""

from .commendations.models import *  # noqa: F401,F403
from .cycle.models import *  # noqa: F401,F403
from .cycle.models import _attachment_path  # noqa: F401  (named by migration 0001)
from .files import StoredFile  # noqa: F401
from .inspections.models import *  # noqa: F401,F403
from .inspections.models import _inspection_attachment_path  # noqa: F401  (named by migration 0003)
