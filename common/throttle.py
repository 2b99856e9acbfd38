"""Throttling guesses on a public page (the verification of a printed code), like the login: the misses of one client
address are counted for the login's cool-off time (AXES_COOLOFF_TIME, 15 minutes) from the first one, and past the
limit the page answers 429 until that time is over. Found codes are not counted.

The address is read as the login reads it (axes, with its proxy settings). The counts live in Django's cache: with
the default in-process cache each gunicorn worker counts for itself, which at most multiplies the limit by the number
of workers; a shared cache (CACHES) makes it exact.
"""

import datetime

from django.conf import settings
from django.core.cache import cache


def cooloff() -> datetime.timedelta:
    return datetime.timedelta(hours=settings.AXES_COOLOFF_TIME)


def _key(request, scope: str) -> str:
    from axes.helpers import get_client_ip_address

    return f"common.throttle:{scope}:{get_client_ip_address(request) or '-'}"


def is_throttled(request, scope: str, *, limit: int) -> bool:
    """Whether the client of `request` has missed `limit` times on `scope` within the cool-off time."""
    return (cache.get(_key(request, scope)) or 0) >= limit


def count_miss(request, scope: str) -> None:
    """Count one miss of the client of `request` on `scope`; the count ends a cool-off time after its first miss."""
    key = _key(request, scope)
    timeout = cooloff().total_seconds()
    if cache.add(key, 1, timeout=timeout):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=timeout)
