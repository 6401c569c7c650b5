"""Who may do what in volunteering. Object scope is in models/scoping.py: a volunteer sees only their own
applications, sign-ups and hours; organisers only their organisation's roles, applicants and hours."""

from __future__ import annotations

import rules

from communities.organisations.models import Role
from communities.organisations.rules import has_role

# Organisers: the people who publish roles, approve applicants and hours, verify checks and run community action.
organises_volunteers = has_role(Role.ADMINISTRATOR, Role.VCSE_WORKER, Role.VOLUNTEER_COORDINATOR)
# Any signed-in account may volunteer: residents' accounts have no organisation at all.
rules.add_perm("volunteering.volunteer", rules.is_authenticated)
rules.add_perm("volunteering.organise", organises_volunteers)
# Aggregates only (no one is named): those who plan and report on volunteering in the borough.
rules.add_perm("volunteering.view_impact", has_role(Role.ADMINISTRATOR, Role.COUNCIL_OFFICER, Role.COUNCILLOR,
                                                    Role.ANALYST, Role.VOLUNTEER_COORDINATOR))
# Co-production: those who take residents' ideas forward log the discussion and the decision.
rules.add_perm("volunteering.discuss_idea", has_role(Role.ADMINISTRATOR, Role.COUNCIL_OFFICER, Role.COUNCILLOR,
                                                     Role.VCSE_WORKER, Role.VOLUNTEER_COORDINATOR))
