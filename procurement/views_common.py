"""What the procurement views share: running a transition from a form and keeping what was
entered when it is refused."""

from django.contrib import messages
from django.shortcuts import redirect, render

from documents import stored as documents
from documents.uploads import DocumentField
from portal.forms import posted, posted_files
from portal.workflow import Refused, allowed, get_machine, perform


def run_action(request, obj, name, form_class, *, machine, template, context, form_kwargs=None):
    """GET shows the form (or a confirmation); POST runs the transition of `machine` (its
    registered name) through the workflow engine."""
    label = get_machine(machine).transition(name).label
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
            perform(machine, obj, name, request.user, **kwargs)
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
            messages.success(request, f"Done: {label[0].lower()}{label[1:]}")
            return redirect(obj.get_absolute_url())
    return render(
        request,
        template,
        {
            **context,
            "form": form,
            "action": name,
            "label": label,
            "allowed": allowed(machine, obj, name, request.user),
        },
    )


def _document_field(form):
    """The form's file field, which the storage's message belongs to (or the whole form)."""
    return next((n for n, f in form.fields.items() if isinstance(f, DocumentField)), None)
