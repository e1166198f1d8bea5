"""A person's browser as the portal's processes see it behind a TLS-terminating load balancer.

Production cookies are Secure and the portal trusts X-Forwarded-Proto (SECURE_PROXY_SSL_HEADER).
The load balancer would end TLS and forward plain HTTP with that header and the public host name;
this client does the same, and carries cookies by hand because a cookie jar would refuse to send
Secure cookies over plain HTTP. Redirects are returned, not followed.
"""

import http.client
import re
import urllib.parse
from dataclasses import dataclass
from http.cookies import SimpleCookie

from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

PUBLIC_HOST = "portal.test"
_CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    text: str
    set_cookies: list[str]

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")

    def csrf_token(self) -> str:
        found = _CSRF_FIELD.search(self.text)
        assert found, f"no CSRF field in the page (status {self.status})"
        return found.group(1)


class Browser:
    def __init__(self, host: str = PUBLIC_HOST, timeout: float = 30):
        self.host = host
        self.timeout = timeout
        self.cookies: dict[str, str] = {}

    def request(self, base_url: str, method: str, path: str, body=b"", headers=None) -> Response:
        address = urllib.parse.urlsplit(base_url)
        connection = http.client.HTTPConnection(
            address.hostname, address.port, timeout=self.timeout
        )
        sent = {"Host": self.host, "X-Forwarded-Proto": "https", **(headers or {})}
        if method == "POST":
            sent["Origin"] = f"https://{self.host}"  # what a browser sends with a form
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            connection.request(method, path, body=body or None, headers=sent)
            raw = connection.getresponse()
            text = raw.read().decode("utf-8", "replace")
        finally:
            connection.close()
        set_cookies = raw.headers.get_all("Set-Cookie") or []
        for header in set_cookies:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return Response(raw.status, raw.headers, text, set_cookies)

    def get(self, base_url: str, path: str) -> Response:
        return self.request(base_url, "GET", path)

    def post_form(self, base_url: str, path: str, fields: dict) -> Response:
        body = urllib.parse.urlencode(fields, doseq=True).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        return self.request(base_url, "POST", path, body, headers)

    def post_multipart(self, base_url: str, path: str, fields: dict) -> Response:
        """fields as for Django's test client: SimpleUploadedFile values become file parts."""
        body = encode_multipart(BOUNDARY, fields)
        return self.request(base_url, "POST", path, body, {"Content-Type": MULTIPART_CONTENT})

    def submit(self, base_url: str, path: str, fields: dict, multipart: bool = False) -> Response:
        """GET the form page for its CSRF token, then POST the form, as a person would."""
        page = self.get(base_url, path)
        assert page.status == 200, f"GET {path}: {page.status}"
        fields = {"csrfmiddlewaretoken": page.csrf_token(), **fields}
        post = self.post_multipart if multipart else self.post_form
        return post(base_url, path, fields)
