"""axe-core over the pages issue #12 added: a person's page with assignments and the restricted page an assigned
volunteer sees, the assignment form, emergency-access reviews, the data-protection pages (requests, a request, the
readable copy, the erasure decision, the retention schedule) and the admin site's refusal for a member who is not a
platform administrator."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from .conftest import BROWSER_DB
from .test_accessibility import check_as_personas, fail_if

pytestmark = [pytest.mark.browser, BROWSER_DB]


@pytest.fixture
def trust_records(geography, council, partner, personas):
    from communities.dataprotection.models import SubjectRequest
    from communities.dataprotection.services import due_date
    from communities.people.models import (
        Assignment,
        AssignmentKind,
        BreakGlassGrant,
        BreakGlassReview,
        Involvement,
        Person,
    )

    person = Person.objects.create(first_name="Robin", last_name="Axeworthy", date_of_birth=date(1948, 5, 17),
                                   postcode="TS18 1AU", phone="01642 000000")
    for organisation in (council, partner):
        Involvement.objects.create(person=person, organisation=organisation, reason="befriending and transport")
    now = timezone.now()
    Assignment.objects.create(person=person, user=personas["volunteer_assigned"], organisation=partner,
                              kind=AssignmentKind.BEFRIENDING, reason="Weekly visit", starts_at=now,
                              ends_at=now + timedelta(days=30), created_by=personas["worker"])
    grant = BreakGlassGrant.objects.create(person=person, user=personas["officer"], organisation=council,
                                           reason="Welfare check after a missed visit", expires_at=now)
    review = BreakGlassReview.objects.create(grant=grant, organisation=council)
    received = date.today()
    access = SubjectRequest.objects.create(organisation=council, person=person, kind=SubjectRequest.Kind.ACCESS,
                                           received_on=received, due_on=due_date(received),
                                           logged_by=personas["admin"])
    erasure = SubjectRequest.objects.create(organisation=council, person=person, kind=SubjectRequest.Kind.ERASURE,
                                            received_on=received, due_on=due_date(received),
                                            logged_by=personas["admin"])
    return {"person": person.pk, "review": review.pk, "access": access.pk, "erasure": erasure.pk}


def test_trust_pages_are_accessible(browse, personas, trust_records, client):
    person, r = trust_records["person"], trust_records
    visits = {
        "admin": [
            f"/people/{person}/", f"/people/{person}/assignments/add/", "/people/emergency-access/reviews/",
            f"/people/emergency-access/reviews/{r['review']}/", "/data-protection/", "/data-protection/schedule/",
            f"/data-protection/people/{person}/new/", f"/data-protection/requests/{r['access']}/",
            f"/data-protection/requests/{r['access']}/export/", f"/data-protection/requests/{r['erasure']}/erase/",
        ],
        "volunteer_assigned": ["/people/", f"/people/{person}/"],
        "officer": [f"/people/{person}/change/", "/admin/login/?next=/admin/"],
    }
    for persona, urls in visits.items():  # each page is the page itself, not a 404 or a redirect to sign in
        client.force_login(personas[persona], backend="allauth.account.auth_backends.AuthenticationBackend")
        statuses = {url: client.get(url).status_code for url in urls}
        assert statuses == {url: 403 if url.startswith("/admin/") else 200 for url in urls}, persona
    report = check_as_personas(browse, personas, visits)
    fail_if(report, "the pages of issue #12")
