"""Who may see what of neighbourhood profiles. Everyone (signed in or not) sees the public profiles: aggregates only,
small numbers suppressed (core.access.PUBLIC_URL_NAMES). The partner view adds counts from the platform's own records
and is audited: community safety partners (Safer Stockton), and the council's officers, analysts and administrators.
The council's officers, analysts and administrators also choose sets of LSOAs as named neighbourhoods."""

from __future__ import annotations

import rules

from communities.organisations.models import Role
from communities.organisations.rules import acts_for_council, has_role

council_staff = has_role(Role.ADMINISTRATOR, Role.COUNCIL_OFFICER, Role.ANALYST) & acts_for_council
safety_partner = has_role(Role.SAFETY_PARTNER)

rules.add_perm("neighbourhoods.view_partner_profile", council_staff | safety_partner)
rules.add_perm("neighbourhoods.manage_neighbourhoods", council_staff)
