"""Every form's required fields say, in a sentence of their own, what to do when left empty
(GOV.UK error messages), and no label says "(optional)" twice."""

import copy
import importlib
import inspect
import pkgutil

import pytest
from django import forms

APPS = [
    "portal",
    "accounts",
    "messaging",
    "documents",
    "challenges",
    "procurement",
    "offers",
    "alerts",
    "search",
    "agreements",
    "dashboard",
    "opendata",
]
# Wagtail's own admin forms (the CMS) keep Wagtail's messages.
WAGTAIL_ADMIN = ("wagtail.",)
DJANGO_DEFAULT = str(forms.Field.default_error_messages["required"])


def project_form_classes() -> list[type]:
    found = {}
    for app in APPS:
        package = importlib.import_module(app)
        for info in pkgutil.walk_packages(package.__path__, f"{app}."):
            skipped = (".migrations", ".management", ".settings", ".wsgi", ".demo")
            if any(part in info.name for part in skipped):
                continue
            module = importlib.import_module(info.name)
            for _, obj in inspect.getmembers(module, inspect.isclass):
                if (
                    issubclass(obj, forms.BaseForm)
                    and obj.__module__.split(".")[0] in APPS
                    and not any(b.__module__.startswith(WAGTAIL_ADMIN) for b in obj.__mro__[1:3])
                ):
                    found[f"{obj.__module__}.{obj.__qualname__}"] = obj
    return list(found.values())


def made_by_factories() -> dict[str, type]:
    """Forms built per request by a function (one per statutory section, the start question)."""
    from challenges.forms import SECTIONS, section_form_class, start_form_class
    from portal.models import Organisation

    made = {f"section {s.slug}": section_form_class(s) for s in SECTIONS}
    made["start"] = start_form_class(Organisation.objects.none())
    return made


def instances(form_class):
    """The form as a request would make it, when that needs nothing but the class; otherwise
    its declared fields (those that depend on a case get their querysets, not their messages)."""
    for args in ((), (None,)):  # (None,): Django's password forms take the user first
        try:
            return form_class(*args).fields
        except (TypeError, KeyError):
            continue
    from portal.forms import GovukFormMixin, replace_django_messages

    fields = copy.deepcopy(form_class.base_fields)
    if issubclass(form_class, GovukFormMixin):  # what its __init__ does to them
        for field in fields.values():
            replace_django_messages(field)
    return fields


def every_form() -> list[tuple[str, type]]:
    forms_found = [(f"{c.__module__}.{c.__qualname__}", c) for c in project_form_classes()]
    return forms_found + sorted(made_by_factories().items())


def test_the_walk_finds_the_forms_people_fill_in():
    names = {name for name, _ in every_form()}
    assert len(names) > 40
    for expected in (
        "accounts.forms.RegistrationForm",
        "challenges.forms.ClarificationForm",
        "procurement.forms.OpenExerciseForm",
        "alerts.forms.AlertForm",
        "section financial_resources",
    ):
        assert expected in names


BAD_STARTS = ("Enter your tell", "Enter your what", "Enter your how", "Enter your which")
# A question pasted after a verb keeps its word order: "Select what kind of body is it".
QUESTION_ORDER = (" do you ", " does ", " is it", " are you ", " will you ", " should ")


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "form_class"), every_form(), ids=lambda v: str(v))
def test_each_required_field_has_a_hand_written_message(name, form_class):
    for field_name, field in instances(form_class).items():
        label = str(field.label or "")
        assert "(optional)" not in label, f"{name}.{field_name}: the template adds (optional)"
        if not field.required:
            continue
        message = str(field.error_messages.get("required", ""))
        where = f"{name}.{field_name}: {message!r}"
        assert message and message != DJANGO_DEFAULT, f"{where}: no message of its own"
        assert message.split()[0] in ("Enter", "Select", "Confirm", "Choose", "Tell"), where
        assert not message.startswith(BAD_STARTS), where
        assert "?" not in message and not message.endswith("."), where
        assert message[0].isupper() and "  " not in message, where
        assert not any(words in f"{message} " for words in QUESTION_ORDER), where
        if label.endswith("?"):  # never a question glued after a verb
            question = label.rstrip("?").lower()
            assert message.lower() not in (f"enter {question}", f"select {question}"), where


DJANGO_MESSAGES = {  # Django's own wording, written out (django/forms/fields.py, validators)
    "invalid": {
        "Enter a whole number.",
        "Enter a number.",
        "Enter a valid email address.",
        "Enter a valid date.",
    },
    "min_value": {"Ensure this value is greater than or equal to %(limit_value)s."},
    "max_value": {"Ensure this value is less than or equal to %(limit_value)s."},
    "max_length": {
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
    },
}


def _messages_people_can_meet(field) -> list[str]:
    """The error keys a person can trigger by typing: a number or date that does not parse,
    one out of its range, too many characters."""
    keys = []
    if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        keys.append("invalid")
        keys += [k for k in ("min_value", "max_value") if getattr(field, k, None) is not None]
    if isinstance(field, forms.EmailField | forms.DateField):
        keys.append("invalid")
    if isinstance(field, forms.CharField) and field.max_length and not field.widget.is_hidden:
        keys.append("max_length")
    return keys


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "form_class"), every_form(), ids=lambda v: str(v))
def test_each_message_people_can_meet_is_hand_written(name, form_class):
    """Issue 19: "A negative price gets Django's default message". Every message a person can
    trigger by typing (not only "required") is the form's own, not Django's."""
    defaults = []
    for field_name, field in instances(form_class).items():
        for key in _messages_people_can_meet(field):
            message = str(field.error_messages.get(key, ""))
            if not message or message in DJANGO_MESSAGES[key]:
                defaults.append(f"{field_name}.{key}")
    assert defaults == [], f"{name}: Django's own messages for {defaults}"


@pytest.mark.django_db
def test_a_negative_price_is_told_in_plain_words():
    from procurement.forms import InterestForm

    form = InterestForm(data={"price": "-5"})
    assert form.fields["price"].error_messages  # the form as a request makes it
    form.is_valid()
    assert form.errors.get("price") == ["Enter an amount of £0 or more"]


def test_reasons_for_a_rejection_are_not_labelled_optional():
    from challenges.forms import DecisionForm

    html = str(DecisionForm())
    reasons = html[html.index('for="id_reasons"') :]
    label = reasons[: reasons.index("</label>")]
    assert "(optional)" not in label
    assert "Needed to reject the challenge" in html


def test_an_optional_field_says_optional_once():
    from procurement.forms import WithdrawForm

    html = str(WithdrawForm())
    assert html.count("(optional)") == 1


@pytest.mark.django_db
def test_messages_read_as_sentences_when_a_form_is_sent_empty():
    from accounts.forms import OrganisationForm
    from challenges.forms import SECTIONS_BY_SLUG, ClarificationForm, section_form_class

    section = section_form_class(SECTIONS_BY_SLUG["financial_resources"])(data={})
    assert section.errors["financial_resources"] == [
        "Enter details of your organisation's financial resources"
    ]
    assert ClarificationForm(data={}).errors["question"] == [
        "Enter what you need the body to clarify"
    ]
    assert OrganisationForm(data={}).errors["body_type"] == [
        "Select the kind of body your organisation is"
    ]
