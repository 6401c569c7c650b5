"""The directory's personal data in the data-protection registry (dataprotection).

Residents appear in the directory only through Find help reports (the reporter's optional email address); "my list"
lives in the visitor's session and is never stored against a person. Listings hold work contact details that an
organisation publishes about its own services: declared here, not scheduled.
"""

from __future__ import annotations

from communities.dataprotection.registry import not_personal, register

from .models import Feedback

register(
    "directory.Feedback", record_type="directory_feedback", subject=None, order=400,
    describe="Reports about a listing",
    export_fields=("service", "message", "reporter_email", "status", "created_at"),
    anonymise={"reporter_email": ""},
    expired=lambda cutoff: Feedback.objects.filter(created_at__date__lte=cutoff),
)

_PUBLISHED = ("published by the organisation about its own service (Open Referral UK); not about residents, changed or "
              "removed by editing the listing")
not_personal("directory.DirectoryOrganisation", f"An organisation's name and work email, {_PUBLISHED}")
not_personal("directory.Service", f"A service's name, work email and assurer's work email, {_PUBLISHED}")
not_personal("directory.Location", f"A place's name, {_PUBLISHED}")
not_personal("directory.Address", f"The address of a place where a service runs, {_PUBLISHED}")
not_personal("directory.Schedule", f"Opening times and their notes, {_PUBLISHED}")
not_personal("directory.Contact", f"A named work contact for a service, {_PUBLISHED}")
not_personal("directory.Language", f"Languages a service is offered in, {_PUBLISHED}")
not_personal("directory.ServiceArea", f"The area a service covers, {_PUBLISHED}")
not_personal("directory.Taxonomy", "A category scheme's name (Open Referral UK taxonomy)")
not_personal("directory.TaxonomyTerm", "A category's name (Open Referral UK taxonomy)")
not_personal("directory.ChangeRequest", "An editor's note on a proposed change to a listing; about the listing")
