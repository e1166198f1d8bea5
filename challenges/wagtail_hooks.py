"""CMS hooks of the challenges app."""

from wagtail import hooks

from portal.models import Authority

from .models import Challenge


@hooks.register("after_edit_snippet")
def date_cases_once_periods_are_published(request, instance):
    """Localism Act 2011 s.84(3): an authority that publishes its maximum period gives its
    waiting cases, which had no due date, the one its period gives."""
    if isinstance(instance, Authority):
        Challenge.objects.date_undated(instance)
