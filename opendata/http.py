"""Headers of the open data addresses (/api/v1/ and /data/): CORS for GET from any origin,
ETag and Last-Modified with 304 answers to If-None-Match / If-Modified-Since (Django's
ConditionalGetMiddleware logic, on these addresses only), HEAD wherever GET is answered, and
JSON errors on the API."""

from django.http import HttpResponse, JsonResponse
from django.middleware.http import ConditionalGetMiddleware

PREFIXES = ("/api/v1/", "/data/")
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Content-Length",
    "Access-Control-Max-Age": "86400",
}


class OpenDataHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.conditional = ConditionalGetMiddleware(get_response)

    def __call__(self, request):
        if not request.path.startswith(PREFIXES):
            return self.get_response(request)
        head = request.method == "HEAD"
        if request.method == "OPTIONS":  # a CORS preflight: nothing is read
            response = HttpResponse(status=204)
        else:
            if head:  # the API's operations are declared for GET: HEAD is GET without a body
                request.method = "GET"
            response = self.get_response(request)
            if request.path.startswith("/api/") and response.status_code >= 400:
                response = _as_json(response)
            if request.method in ("GET", "HEAD") and response.status_code == 200:
                response.setdefault("Cache-Control", "public, no-cache")
                response = self.conditional.process_response(request, response)
        for name, value in CORS.items():
            response[name] = value
        if head:
            request.method = "HEAD"
            if not response.streaming:
                response["Content-Length"] = str(len(response.content))
                response.content = b""
        return response


def _as_json(response):
    """An error page from before the API's own handlers (a NUL in the address, a 405) as the
    API's JSON error."""
    if response.get("Content-Type", "").startswith("application/json"):
        return response
    try:
        detail = response.reason_phrase
    except (AttributeError, ValueError):
        detail = "Error"
    error = JsonResponse({"detail": detail}, status=response.status_code)
    if response.has_header("Allow"):
        error["Allow"] = response["Allow"]
    return error
