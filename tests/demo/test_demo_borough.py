"""The synthetic borough: deterministic, spread like the real population, skewed by deprivation."""

from __future__ import annotations

import pytest
from django.db import transaction

from communities.accounts.models import User
from communities.demo.generator import DemoError, generate
from communities.demo.logins import DEMO_DOMAIN, DEMO_STAFF
from communities.organisations.models import Membership, Organisation, Role
from communities.people.models import Household, Person

pytestmark = pytest.mark.django_db


def signature():
    return list(Person.objects.order_by("last_name", "first_name", "date_of_birth", "postcode").values_list(
        "first_name", "last_name", "date_of_birth", "postcode", "has_disability", "is_carer"))


def generate_and_sign(seed, residents=400):
    with transaction.atomic():
        generate(seed=seed, residents=residents, council_code="E06000004")
        result = signature()
        transaction.set_rollback(True)
    return result


def test_same_seed_same_borough_different_seed_different_borough():
    first, again, other = generate_and_sign(5), generate_and_sign(5), generate_and_sign(6)
    assert first == again
    assert first != other


def test_borough_has_every_role_and_about_thirty_vcse_groups():
    report = generate(seed=1, residents=300, council_code="E06000004")
    assert report.residents == Person.objects.count() == 300
    assert Organisation.objects.filter(kind="vcse").count() == 30
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Role.values) - set()  # one demo account in every role
    # one account per role, and the resident who volunteers (volunteering's demo); synthetic drivers and befrienders
    # use other domains so the sign-in page lists only these accounts' codes
    assert User.objects.filter(email__endswith=DEMO_DOMAIN).count() == len(DEMO_STAFF) + 1
    assert all(" (demo)" in o.name or "Demo" in o.name for o in Organisation.objects.all())


def test_residents_follow_population_and_deprivation():
    generate(seed=2, residents=6000, council_code="E06000004")
    people = Person.objects.select_related("household__lsoa")
    assert people.exclude(postcode="").count() == 6000  # every Stockton LSOA has postcodes
    lsoas_used = Household.objects.values("lsoa").distinct().count()
    assert lsoas_used == 124

    def rate(deciles):
        group = people.filter(household__lsoa__imd2025_decile__in=deciles)
        return group.filter(has_disability=True).count() / group.count()

    assert rate([1, 2]) > rate([9, 10]) * 1.3
    incomes = {
        d: sorted(Household.objects.filter(lsoa__imd2025_decile__in=d).values_list("annual_income", flat=True))
        for d in ((1, 2), (9, 10))
    }
    median = {d: v[len(v) // 2] for d, v in incomes.items()}
    assert float(median[(9, 10)]) > float(median[(1, 2)]) * 1.5


def test_refuses_a_database_that_already_has_data(council):
    with pytest.raises(DemoError, match="already has data"):
        generate(seed=1, residents=10, council_code="E06000004")


def test_demo_volunteer_and_driver_see_only_the_residents_assigned_to_them(client):
    """Least privilege is visible in the demo: the volunteer sees their 2 befriending matches, the driver their 3
    passengers; the partner's worker still sees everyone the partner supports (ADR 0009)."""
    from communities.organisations.services import current_membership_state
    from communities.people.models import Assignment

    generate(seed=1, residents=400, council_code="E06000004")

    def visible_for(local):
        user = User.objects.get(email=f"{local}@{DEMO_DOMAIN}")
        user.current_organisation, user.current_roles = current_membership_state(user, None)
        return set(Person.objects.visible_to(user).values_list("pk", flat=True))

    volunteer, driver, worker = visible_for("volunteer"), visible_for("driver"), visible_for("worker")
    def assigned_to(local):  # in the organisation the account acts for (the demo driver also drives for the council)
        user = User.objects.get(email=f"{local}@{DEMO_DOMAIN}")
        organisation, _roles = current_membership_state(user, None)
        return set(Assignment.objects.active().filter(user=user, organisation=organisation)
                   .values_list("person", flat=True))

    # people.demo's 2 befriending matches and 3 passengers, plus what the befriending and transport demos assign
    assert volunteer == assigned_to("volunteer") and len(volunteer) >= 2
    assert driver == assigned_to("driver") and len(driver) >= 3
    assert not volunteer & driver
    # the VCSE worker and the council officer see whole caseloads; the demo driver acts for the council's scheme
    assert volunteer < worker and driver < worker | visible_for("officer")
