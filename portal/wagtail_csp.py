"""Wagtail's admin under the same Content Security Policy as the rest of the portal: no inline
script runs unless it carries the request's nonce.

Wagtail 8 still writes a few inline scripts. The templates that do (date, time and date-time
pickers, inline and multiple-chooser panels) are overridden in templates/wagtailadmin/ to add the
nonce with `{% csp_nonce %}`; the chooser widgets write theirs in Python (BaseChooser.render), so
that one method is wrapped here. An injected script has no nonce and is refused by the browser.
"""

from django.utils.safestring import mark_safe
from wagtail.admin.widgets.chooser import BaseChooser

from portal.security_headers import current_nonce

_SCRIPT = "<script>"


def _nonced(html: str) -> str:
    """Wagtail's own `<script>` tag (the last in the widget's HTML) with the nonce added."""
    at = html.rfind(_SCRIPT)
    if at < 0:
        return html
    return html[:at] + f'<script nonce="{current_nonce()}">' + html[at + len(_SCRIPT) :]


def install() -> None:
    if getattr(BaseChooser.render, "portal_nonced", False):
        return
    original = BaseChooser.render

    def render(self, name, value, attrs=None, renderer=None):
        return mark_safe(_nonced(original(self, name, value, attrs, renderer)))  # noqa: S308

    render.portal_nonced = True
    BaseChooser.render = render
