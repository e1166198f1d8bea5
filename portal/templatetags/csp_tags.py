"""`{% csp_nonce %}`: the Content Security Policy nonce of the request being answered, for
templates rendered without the request in their context (Wagtail's admin widgets)."""

from django import template

from portal.security_headers import current_nonce

register = template.Library()


@register.simple_tag
def csp_nonce() -> str:
    return current_nonce()
