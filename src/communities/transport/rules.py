"""Who may do what in the Volunteer Driver Service (django-rules), imported by ``TransportConfig.ready``.

Coordinators run the scheme; the organisation's administrators and council officers may too (cover, oversight).
Drivers see and record outcomes of their own trips only (``TripQuerySet.visible_to``) and claim their own mileage.
"""

from __future__ import annotations

import rules

from communities.organisations.models import Role
from communities.organisations.rules import has_role

manages_scheme = has_role(Role.TRANSPORT_COORDINATOR, Role.ADMINISTRATOR, Role.COUNCIL_OFFICER)
drives = has_role(Role.DRIVER)

rules.add_perm("transport.manage_scheme", manages_scheme)
rules.add_perm("transport.view_trips", manages_scheme | drives)
rules.add_perm("transport.record_outcome", manages_scheme | drives)
rules.add_perm("transport.claim_mileage", manages_scheme | drives)
rules.add_perm("transport.approve_claims", manages_scheme)
rules.add_perm("transport.set_mileage_rates", has_role(Role.ADMINISTRATOR))
rules.add_perm("transport.view_reports", manages_scheme | has_role(Role.ANALYST))
