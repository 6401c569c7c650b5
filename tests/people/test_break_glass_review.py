"""Break-glass: every organisation involved with the person sees the emergency access and reviews it; nobody reviews
their own (issue 12, deliverable 5)."""

from __future__ import annotations

from datetime import date

import pytest

from communities.audit.models import AuditEvent
from communities.organisations.models import Membership
from communities.people import services
from communities.people.models import BreakGlassReview, Involvement, Person

pytestmark = pytest.mark.django_db
REASON = "Welfare concern reported by neighbour"


@pytest.fixture
def council_resident(council):
    person = Person.objects.create(first_name="Casey", last_name="Sampleton", date_of_birth=date(1950, 3, 27))
    Involvement.objects.create(person=person, organisation=council, reason="reablement")
    return person


@pytest.fixture
def vcse_admin(personas, partner):
    """The partner's administrator (the worker persona, given the administrator role too)."""
    Membership.objects.create(user=personas["worker"], organisation=partner, role="administrator")
    return personas["worker"]


def _break_glass(client_for):
    response = client_for("worker").post("/people/emergency-access/", {
        "last_name": "Sampleton", "date_of_birth_day": "27", "date_of_birth_month": "3", "date_of_birth_year": "1950",
        "reason": REASON,
    })
    assert response.status_code == 302
    return response


def test_break_glass_is_filed_under_every_involved_organisation(client_for, vcse_admin, council_resident, council,
                                                                  partner):
    _break_glass(client_for)
    events = AuditEvent.objects.filter(action="break_glass", object_id=str(council_resident.pk))
    assert {e.organisation for e in events} == {council, partner}
    page = client_for("admin").get("/audit/", {"action": "break_glass"}).content.decode()
    assert str(council_resident.pk) in page and REASON in page
    review = BreakGlassReview.objects.get()
    assert review.organisation == council and review.grant.user == vcse_admin and review.outcome == ""


def test_the_council_administrator_reviews_it(client_for, personas, vcse_admin, council_resident, council):
    _break_glass(client_for)
    review = BreakGlassReview.objects.get()
    admin = client_for("admin")
    assert "1 waiting" in admin.get("/dashboard/").content.decode()
    listing = admin.get("/people/emergency-access/reviews/").content.decode()
    assert "Casey Sampleton" in listing and "worker@example.org" in listing and REASON in listing
    assert services.views_of(council_resident).filter(actor=personas["admin"], fields__icontains="reviews").exists()
    assert admin.get(f"/people/emergency-access/reviews/{review.pk}/").status_code == 200
    response = admin.post(f"/people/emergency-access/reviews/{review.pk}/", {
        "outcome": "not_appropriate", "note": "No welfare concern was logged with us; raised with Partner Pantry.",
    })
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.outcome == "not_appropriate" and review.reviewed_by == personas["admin"]
    event = AuditEvent.objects.get(action="review")
    assert event.organisation == council and event.fields["outcome"] == "not_appropriate"
    assert event.object_type == "people.BreakGlassGrant"
    listing = admin.get("/people/emergency-access/reviews/").content.decode()
    assert "No emergency access is waiting for review" in listing


def test_a_review_needs_an_outcome_and_a_note(client_for, vcse_admin, council_resident):
    _break_glass(client_for)
    review = BreakGlassReview.objects.get()
    page = client_for("admin").post(f"/people/emergency-access/reviews/{review.pk}/", {}).content.decode()
    assert "Select whether the access was appropriate" in page and "Enter a note" in page
    review.refresh_from_db()
    assert review.outcome == ""


def test_nobody_reviews_their_own_emergency_access(client_for, personas, partner, vcse_admin):
    # A resident nobody is involved with yet: the review falls to the acting organisation, the partner.
    orphan = Person.objects.create(first_name="Orla", last_name="Nobodys", date_of_birth=date(1960, 5, 5))
    grant_person = services.break_glass(actor=_acting(vcse_admin, partner), last_name="Nobodys",
                                        date_of_birth=date(1960, 5, 5), reason=REASON)
    assert grant_person == orphan
    review = BreakGlassReview.objects.get()
    assert review.organisation == partner
    with pytest.raises(services.ReviewError, match="your own emergency access"):
        services.review_break_glass(actor=_acting(vcse_admin, partner), review=review, outcome="appropriate",
                                    note="Looks fine to me")
    response = client_for("worker").post(f"/people/emergency-access/reviews/{review.pk}/", {
        "outcome": "appropriate", "note": "Looks fine to me"})
    assert "your own emergency access" in response.content.decode()
    review.refresh_from_db()
    assert review.outcome == "" and not AuditEvent.objects.filter(action="review").exists()
    # Another of the partner's administrators may.
    other = personas["driver"]
    Membership.objects.create(user=other, organisation=partner, role="administrator")
    services.review_break_glass(actor=_acting(other, partner), review=review, outcome="appropriate",
                                note="Checked with the worker: a neighbour called about a fall.")
    review.refresh_from_db()
    assert review.outcome == "appropriate" and review.reviewed_by == other


def test_other_organisations_cannot_see_or_review_it(client_for, personas, other_org, vcse_admin, council_resident):
    _break_glass(client_for)
    review = BreakGlassReview.objects.get()
    assert client_for("outsider").get(f"/people/emergency-access/reviews/{review.pk}/").status_code == 403
    Membership.objects.create(user=personas["outsider"], organisation=other_org, role="administrator")
    outsider_admin = client_for("outsider")
    assert outsider_admin.get(f"/people/emergency-access/reviews/{review.pk}/").status_code == 404
    assert "Sampleton" not in outsider_admin.get("/people/emergency-access/reviews/").content.decode()
    assert client_for("officer").get("/people/emergency-access/reviews/").status_code == 403
    assert client_for("platform_admin").get(f"/people/emergency-access/reviews/{review.pk}/").status_code == 404


def test_a_review_cannot_be_made_twice(personas, vcse_admin, council_resident, council, client_for):
    _break_glass(client_for)
    review = BreakGlassReview.objects.get()
    services.review_break_glass(actor=_acting(personas["admin"], council), review=review, outcome="appropriate",
                                note="Confirmed with the neighbour")
    with pytest.raises(services.ReviewError, match="already been reviewed"):
        services.review_break_glass(actor=_acting(personas["admin"], council), review=review,
                                    outcome="not_appropriate", note="Changed my mind")


def _acting(user, organisation):
    from communities.organisations.services import current_membership_state

    user.current_organisation, user.current_roles = current_membership_state(user, str(organisation.pk))
    return user
