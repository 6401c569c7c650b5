"""Passengers of the Volunteer Driver Service: people (``people.Person``) found eligible, with their needs and the
addresses they usually travel from and to.

Visibility: the scheme's coordinators see the passengers of their organisation's scheme (and only those: a transport
coordinator does not see the organisation's other residents); a driver sees a passenger only while assigned to one
of their trips (``people.Assignment`` of kind ``trip``, which ``Person.objects.visible_to`` honours) and only if the
trip is theirs.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .scoping import manages_scheme


class PassengerQuerySet(models.QuerySet):
    def visible_to(self, user):
        from communities.people.models import Person

        from .trips import Trip

        organisation = getattr(user, "current_organisation", None)
        if organisation is None:
            return self.none()
        mine = self.filter(organisation=organisation)
        if manages_scheme(user):
            return mine  # the scheme's passengers only, not the organisation's whole caseload
        return mine.filter(person__in=Person.objects.visible_to(user).values("pk"),
                           pk__in=Trip.objects.visible_to(user).values("passenger_id"))

    def active(self):
        return self.filter(is_active=True)


class Passenger(models.Model):
    """A person the scheme has found eligible to travel with it."""

    AUDIT_READS = True

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.OneToOneField("people.Person", on_delete=models.CASCADE, related_name="passenger")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+",
                                     help_text="The organisation that runs the scheme")
    # Eligibility: what the scheme asks before it accepts someone.
    no_suitable_public_transport = models.BooleanField(
        default=False, help_text="There is no bus or train they can use for the journeys they need")
    mobility_needs = models.BooleanField(default=False, help_text="Needs help walking, with steps or with a door")
    mobility_detail = models.CharField(max_length=300, blank=True, help_text="What the driver needs to know")
    wheelchair_user = models.BooleanField(default=False, help_text="Travels in their wheelchair: needs a wheelchair "
                                                                   "space")
    escort_needed = models.BooleanField(default=False, help_text="Travels with a carer or escort")
    eligibility_note = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(default=timezone.now)

    objects = PassengerQuerySet.as_manager()

    class Meta:
        ordering = ["person__last_name", "person__first_name"]
        constraints = [
            models.CheckConstraint(condition=Q(no_suitable_public_transport=True) | Q(mobility_needs=True)
                                   | Q(wheelchair_user=True), name="passenger_is_eligible"),
        ]

    def __str__(self) -> str:
        return f"Passenger {str(self.pk)[:8]}"

    @property
    def needs(self) -> list[str]:
        """The needs a driver sees before accepting a trip."""
        needs = []
        if self.wheelchair_user:
            needs.append("Wheelchair user: needs a wheelchair space")
        if self.escort_needed:
            needs.append("Travels with an escort")
        if self.mobility_needs:
            needs.append("Mobility needs" + (f": {self.mobility_detail}" if self.mobility_detail else ""))
        return needs


class PassengerAddressQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(passenger__in=Passenger.objects.visible_to(user).values("pk"))


class PassengerAddress(models.Model):
    """An address the passenger usually travels from or to (home, the surgery, the lunch club)."""

    passenger = models.ForeignKey(Passenger, on_delete=models.CASCADE, related_name="addresses")
    label = models.CharField(max_length=60, help_text="Home, the surgery, the lunch club")
    address = models.CharField(max_length=300)
    postcode = models.CharField(max_length=8)
    latitude = models.FloatField()
    longitude = models.FloatField()
    is_home = models.BooleanField(default=False)

    objects = PassengerAddressQuerySet.as_manager()

    class Meta:
        ordering = ["-is_home", "label"]
        verbose_name_plural = "passenger addresses"
        constraints = [models.UniqueConstraint(fields=["passenger"], condition=Q(is_home=True),
                                               name="one_home_per_passenger")]

    def __str__(self) -> str:
        return f"{self.label}: {self.postcode}"
