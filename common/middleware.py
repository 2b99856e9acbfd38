"""Response headers for pages that carry personal data."""

from django.utils.cache import patch_cache_control


class PrivateCacheMiddleware:
    """Every response to a signed-in user (pages, Excel and PDF downloads) is kept by no cache, shared or not.

    Member records, CCCD numbers and youth lists must not stay in a proxy or on an office computer's disk
    after the browser is closed; only the login page and static files (served before this) may be cached.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response
