"""Who may do what in befriending. Coordinators, VCSE workers and administrators of the organisation manage its
cases; a befriender (volunteer) sees only the person they are matched with, while the match lasts (object scope in
models.cases.CaseQuerySet.matched_with); council roles see the impact figures."""

import rules

from communities.organisations.models import Role
from communities.organisations.rules import has_role

manages_befriending = has_role(Role.VOLUNTEER_COORDINATOR, Role.VCSE_WORKER, Role.ADMINISTRATOR)
rules.add_perm("befriending.manage_cases", manages_befriending)
rules.add_perm("befriending.view_my_matches", has_role(Role.VOLUNTEER))
rules.add_perm("befriending.view_impact", manages_befriending | has_role(Role.COUNCIL_OFFICER, Role.ANALYST,
                                                                        Role.COUNCILLOR))
