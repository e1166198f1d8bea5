"""Refuse a request whose path or query string holds a NUL character, with a 400.

No address of the portal contains one, and PostgreSQL cannot compare a text value holding one:
a lookup by such a slug, reference or filter failed with an error (a 500) in whichever view
received it. Forms already refuse NUL (Django's ProhibitNullCharactersValidator); this covers
the path and the GET parameters, once, before any view.
"""

from django.core.exceptions import BadRequest


class RefuseNullCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            raise BadRequest("A NUL character in the address.")
        return self.get_response(request)
