"""Malformed addresses in Wagtail's admin answer "Page not found", not a server error.

Some of Wagtail 8's admin views look objects up with the address's text as it came, without
get_object_or_404 (the choosers' "chosen" views, a page's revision compare and revert), so a
non-numeric or beyond-64-bit id, or a revision that does not exist (an AttributeError on None:
the lookup found nothing), raises from inside Wagtail.
This middleware answers those exceptions, in the admin only, as the 404 they are; the traceback
is still logged (at warning level) so a real fault is not hidden.
"""

import logging

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import DataError

from portal.errors import not_found

log = logging.getLogger(__name__)

MALFORMED = (ValueError, OverflowError, DataError, ObjectDoesNotExist, ValidationError)


class AdminMalformedAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not request.path_info.startswith(settings.CSP_ADMIN_PATH):
            return None
        missing = isinstance(exception, AttributeError) and str(exception).startswith(
            "'NoneType' object has no attribute"
        )
        if not (missing or isinstance(exception, MALFORMED)):
            return None
        log.warning("admin address not found: %s", request.path_info[:200], exc_info=exception)
        return not_found(request, exception)
