"""Throttling of /api/v1/ with django-ninja's own throttle: API_REQUESTS_PER_MINUTE requests a
minute from one network address (read as the sign-in lockout reads it, TRUSTED_PROXY_COUNT
included), counted in the shared cache so that every web process shares one count. Over it, the
API answers 429 with Retry-After (ninja adds the header from `wait()`).

Ninja keeps one throttle object for every request, and SimpleRateThrottle keeps the request's
count on it: here that state is per thread, so gunicorn's threads never read each other's.
"""

import threading

from django.conf import settings
from django.core.cache import caches
from ninja.throttling import SimpleRateThrottle

from accounts import lockout


def _per_thread(name: str) -> property:
    return property(
        lambda self: getattr(self._state, name),
        lambda self, value: setattr(self._state, name, value),
    )


class NetworkAddressThrottle(SimpleRateThrottle):
    scope = "network-address"
    key = _per_thread("key")
    history = _per_thread("history")
    now = _per_thread("now")

    def __init__(self):
        # The rate is read from the settings at each request (not once at import).
        self._state = threading.local()

    @property
    def cache(self):
        return caches["shared"]

    @property
    def num_requests(self) -> int:
        return settings.API_REQUESTS_PER_MINUTE

    @property
    def duration(self) -> int:
        return 60

    def wait(self) -> float:
        """Seconds until the request that holds the count at the limit leaves the minute. Ninja's
        own answer is None (so no Retry-After) when the history is longer than the limit, as it
        is after the limit is lowered or when two processes wrote at once."""
        if len(self.history) < self.num_requests:
            return 1
        holding = self.history[self.num_requests - 1]  # the history is newest first
        return max(1, self.duration - (self.now - holding))

    def get_cache_key(self, request) -> str:
        address = lockout.client_ip(request) or "unknown"
        return f"api-throttle:{lockout.pseudonym(address)}"
