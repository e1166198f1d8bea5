"""Every kind of email the portal sends: each app declares its own (`<app>/email_kinds.py`,
named by its AppConfig's `email_kinds`), and messaging registers them all here.

Each kind is one GOV.UK Notify template (its id in NOTIFY_TEMPLATE_<KIND>), whose fields are the
personalisation the code fills; the same subject and body are rendered here for SMTP and the
console. In Notify, write each `{field}` below as `((field))`.

Settings read every NOTIFY_TEMPLATE_* variable; check_templates says which must be there.
"""

from dataclasses import dataclass
from string import Formatter

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Kind:
    name: str
    subject: str
    body: str
    when: str  # for the README and the admin

    @property
    def fields(self) -> tuple[str, ...]:
        found = []
        for text in (self.subject, self.body):
            for _, field, _, _ in Formatter().parse(text):
                if field and field not in found:
                    found.append(field)
        return tuple(found)

    @property
    def setting(self) -> str:
        return f"NOTIFY_TEMPLATE_{self.name.upper()}"

    def render(self, personalisation: dict) -> tuple[str, str]:
        return self.subject.format(**personalisation), self.body.format(**personalisation)

    def notify_template(self) -> tuple[str, str]:
        """The subject and body to paste into Notify, with ((field)) placeholders."""

        def convert(text):
            return text.format(**{f: f"(({f}))" for f in self.fields})

        return convert(self.subject), convert(self.body)


KINDS: dict[str, Kind] = {}


def register(kinds) -> None:
    """Add an app's kinds (its AppConfig names them in `email_kinds`; messaging reads them all
    once every app is loaded). A name is one kind: registering another under it is an error."""
    for kind in kinds:
        if KINDS.get(kind.name, kind) != kind:
            raise ValueError(f"Two kinds of email are called {kind.name!r}")
        KINDS[kind.name] = kind


# Messaging's own: the feedback form, case updates and the daily summary.
OWN = [
    Kind(
        "feedback_received",
        "Feedback on the portal: {rating}",
        "Someone sent feedback on the Challenge and Transfer Portal.\n\n"
        "How they felt: {rating}\nPage: {page}\n\n{comments}\n\n"
        "Read all feedback: {admin_url}\n",
        "someone sends the feedback form (to every site admin)",
    ),
    Kind(
        "case_update",
        "{what}: {reference}",
        "{what}.\n\n{title}\n\nOpen it: {url}\n\nChoose which emails you get: {preferences_url}\n",
        "any other event of the subscription table (messaging/subscriptions.py), to the people "
        "it names who chose to be emailed straight away",
    ),
    Kind(
        "daily_digest",
        "Your daily summary: {count} update(s)",
        "What happened on the cases you are told about:\n\n{items}\n"
        "All your notifications: {notifications_url}\n\n"
        "Choose which emails you get: {preferences_url}\n",
        "send_digests, once a day, to each person who chose a daily summary and has new "
        "notifications",
    ),
]


def get(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise ValueError(f"Unknown kind of email {name!r}") from None


def check_templates(api_key: str, templates: dict) -> None:
    """With GOV.UK Notify, every kind of email needs its template: refuse to start otherwise
    (run when messaging is ready, so a process never starts half able to send)."""
    if not api_key:
        return
    missing = [k.setting for k in KINDS.values() if k.name not in templates]
    if missing:
        raise ImproperlyConfigured(
            f"NOTIFY_API_KEY is set but {', '.join(missing)} "
            f"{'is' if len(missing) == 1 else 'are'} not (one Notify template per kind of email)"
        )
