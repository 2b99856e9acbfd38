"""Login throttling beyond one user name: password spraying from one address.

django-axes compares one failure limit with the largest failure count among its lockout parameters
([username, ip_address] and ip_address, see settings). This callable, given to AXES_FAILURE_LIMIT, chooses
that limit per attempt so that two rules hold:

- one user name from one address: locked after LOGIN_USER_FAILURE_LIMIT failures (5);
- one address across user names: locked after LOGIN_ADDRESS_FAILURE_LIMIT failures (30) once they span
  LOGIN_ADDRESS_MIN_USERNAMES user names (5) — one password tried on many accounts. A commune office behind
  one NAT address, where a few people mistype, stays far below it.

Both count the failures of the last AXES_COOLOFF_TIME (15 minutes), as axes does.
"""

import datetime

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

NEVER = 10**9


def failure_limit(request, credentials) -> int:
    """The limit axes compares with max(failures of this user name here, failures of this address)."""
    from axes.helpers import get_client_ip_address, get_client_username
    from axes.models import AccessAttempt

    address = getattr(request, "axes_ip_address", None) or get_client_ip_address(request)
    username = get_client_username(request, credentials)
    since = timezone.now() - datetime.timedelta(hours=settings.AXES_COOLOFF_TIME)
    attempts = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since)
    user_failures = attempts.filter(username=username).aggregate(n=Sum("failures_since_start"))["n"] or 0
    if user_failures >= settings.LOGIN_USER_FAILURE_LIMIT:
        return settings.LOGIN_USER_FAILURE_LIMIT  # the address count is at least as high: locked
    usernames = attempts.values("username").distinct().count()
    if usernames >= settings.LOGIN_ADDRESS_MIN_USERNAMES:
        return settings.LOGIN_ADDRESS_FAILURE_LIMIT
    return NEVER
