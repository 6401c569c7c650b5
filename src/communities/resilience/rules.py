"""Who may do what in the emergencies room (issue 17). Object scope: RegisterEntryQuerySet, IncidentQuerySet and
CallQuerySet ``visible_to``.

- The council's emergency planners, council officers and administrators run incidents, see the whole register, keep
  the catalogue of data holders and export call lists.
- VCSE (partner) workers, council officers and planners register residents: a partner's workers see the entries their
  organisation made.
- Responders (council officers, planners, VCSE workers and volunteers) work the calls given to them; a volunteer sees
  only their own calls, and only while the incident is open.
"""

from __future__ import annotations

import rules

from communities.organisations.models import Role
from communities.organisations.rules import acts_for_council, has_role

runs_incidents = has_role(Role.EMERGENCY_PLANNER, Role.COUNCIL_OFFICER, Role.ADMINISTRATOR) & acts_for_council

rules.add_perm("resilience.run_incident", runs_incidents)
rules.add_perm("resilience.view_register", runs_incidents)
rules.add_perm("resilience.manage_holders", runs_incidents)
rules.add_perm("resilience.view_holders", runs_incidents)
rules.add_perm("resilience.register_resident",
               runs_incidents | has_role(Role.VCSE_WORKER, Role.COUNCIL_OFFICER, Role.ADMINISTRATOR))
rules.add_perm("resilience.respond", runs_incidents | has_role(Role.VCSE_WORKER, Role.VOLUNTEER))
