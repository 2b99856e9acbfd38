"""common.throttle: misses are counted per client address and per page, found answers are not."""

from django.test import RequestFactory

from common import throttle


def _request(address):
    return RequestFactory().get("/", REMOTE_ADDR=address)


def test_misses_are_counted_per_address_and_per_scope():
    one, other = _request("203.0.113.7"), _request("198.51.100.9")
    for _ in range(2):
        throttle.count_miss(one, "verify")
    assert throttle.is_throttled(one, "verify", limit=2)
    assert not throttle.is_throttled(one, "verify", limit=3)
    assert not throttle.is_throttled(other, "verify", limit=1)
    assert not throttle.is_throttled(one, "another-page", limit=1)


def test_the_count_lasts_the_logins_cooloff_time(settings):
    settings.AXES_COOLOFF_TIME = 0.25
    assert throttle.cooloff().total_seconds() == 15 * 60
