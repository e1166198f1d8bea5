"""Downloads (permission first, then a presigned redirect or the file) and an organisation's own
documents (constitution, accounts, policies) that its challenges can point to."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from documents import stored as documents
from documents.models import StoredDocument
from documents.uploads import DocumentField
from portal import audit, permissions, roles
from portal.forms import GovukFormMixin, posted, posted_files, required
from portal.models import Organisation
from portal.params import object_id


def download(request, pk):
    document = get_object_or_404(StoredDocument.objects.select_related("owner_type"), pk=pk)
    if not permissions.can_view_document(request.user, document):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404  # do not say that a document someone may not see exists
    return documents.download_response(document)


class OrganisationDocumentForm(GovukFormMixin, forms.Form):
    title = forms.CharField(
        label="Document title",
        max_length=200,
        help_text="For example, Constitution or Accounts for 2025 to 2026.",
        error_messages=required("Enter a title for the document"),
    )
    file = DocumentField(label="Upload a file", error_messages=required("Select a file to upload"))


@login_required
def organisation_documents(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    if not permissions.can_manage_organisation_documents(request.user, organisation):
        raise Http404
    form = OrganisationDocumentForm(posted(request), posted_files(request))
    if request.method == "POST" and form.is_valid():
        try:
            document = documents.store_and_audit(
                form.cleaned_data["file"],
                audited=organisation,
                role=_role(request, organisation),
                transition="upload_document",
                changes=lambda document: {"document": document.audit_summary()},
                folder=f"organisation-{organisation.pk}",
                kind="organisation",
                title=form.cleaned_data["title"],
                uploaded_by=request.user,
            )
        except documents.StorageUnavailable as exc:
            form.add_error("file", exc.message)
        else:
            messages.success(request, f"{document.title} has been uploaded")
            return redirect("organisation-documents", slug=organisation.slug)
    status = 400 if form.errors else 200
    return render(
        request,
        "account/organisation_documents.html",
        {
            "organisation": organisation,
            "documents": documents.for_owner(organisation).order_by("-created_at"),
            "form": form,
        },
        status=status,
    )


@login_required
@require_POST
def organisation_document_delete(request, slug, pk):
    organisation = get_object_or_404(Organisation, slug=slug)
    if not permissions.can_manage_organisation_documents(request.user, organisation):
        raise Http404
    document = get_object_or_404(documents.for_owner(organisation), pk=pk)
    with transaction.atomic():
        audit.record(
            organisation,
            transition="remove_document",
            from_state="",
            to_state="",
            actor=request.user,
            role=_role(request, organisation),
            changes={"document": document.audit_summary()},
        )
        documents.delete(document)
    messages.success(request, f"{document.title or document.name} has been removed")
    return redirect("organisation-documents", slug=organisation.slug)


def _role(request, organisation) -> str:
    """The role an organisation's documents are managed in: a member's, else a site admin's."""
    return (
        roles.BODY_MEMBER if permissions.is_member(request.user, organisation) else roles.SITE_ADMIN
    )


def wagtail_document(request, document_id, document_filename):
    """Wagtail's document link, with an id no document can have answered 404: Wagtail's own
    view converts the id with int(), which fails (a 500) on thousands of digits."""
    from wagtail.documents.views.serve import serve

    if object_id(document_id) is None:
        raise Http404("No such document.")
    return serve(request, document_id, document_filename)
