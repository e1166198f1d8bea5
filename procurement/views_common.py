"""What the procurement views share: running a transition from a form and keeping what was
entered when it is refused."""

from django.contrib import messages
from django.shortcuts import redirect, render

from portal import documents
from portal.forms import posted, posted_files
from portal.uploads import DocumentField

from .workflow import Refused


def run_action(request, obj, name, form_class, *, module, template, context, form_kwargs=None):
    """GET shows the form (or a confirmation); POST runs the transition through `module`."""
    form_kwargs = form_kwargs or {}
    form = form_class(posted(request), posted_files(request), **form_kwargs) if form_class else None
    if request.method == "POST" and (form is None or form.is_valid()):
        if form is None:
            kwargs = {}
        elif hasattr(form, "transition_kwargs"):
            kwargs = form.transition_kwargs()
        else:
            kwargs = dict(form.cleaned_data)
        try:
            module.perform(obj, name, request.user, **kwargs)
        except Refused as refused:
            if form is None:
                for problem in refused.problems:
                    messages.error(request, problem)
                return redirect(obj.get_absolute_url())
            for problem in refused.problems:
                form.add_error(None, problem)
        except documents.StorageUnavailable as exc:
            # Nothing was written: the transition rolled back with the file (documents.atomic).
            form.add_error(_document_field(form), exc.message)
        else:
            messages.success(
                request, f"Done: {module.LABELS[name][0].lower()}{module.LABELS[name][1:]}"
            )
            return redirect(obj.get_absolute_url())
    return render(
        request,
        template,
        {
            **context,
            "form": form,
            "action": name,
            "label": module.LABELS[name],
            "allowed": module.allowed(obj, name, request.user),
        },
    )


def _document_field(form):
    """The form's file field, which the storage's message belongs to (or the whole form)."""
    return next((n for n, f in form.fields.items() if isinstance(f, DocumentField)), None)
