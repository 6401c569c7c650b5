"""Who may do what with impact assessments. Council officers and administrators write them; the council's impact
assessment approvers sign them off (never their own: services refuse it) and read them; analysts and councillors
read them. The engagement log may name people: only writers and approvers see it. The public sees published
assessments only, through the public pages (core.access.PUBLIC_URL_NAMES)."""

from __future__ import annotations

import rules

from communities.organisations.models import Role
from communities.organisations.rules import acts_for_council, has_role

writes_assessments = has_role(Role.ADMINISTRATOR, Role.COUNCIL_OFFICER) & acts_for_council
signs_off = has_role(Role.EPIA_APPROVER) & acts_for_council
reads_assessments = (
    has_role(Role.ADMINISTRATOR, Role.COUNCIL_OFFICER, Role.ANALYST, Role.COUNCILLOR, Role.EPIA_APPROVER)
    & acts_for_council
)

rules.add_perm("impact.view_assessment", reads_assessments)
rules.add_perm("impact.change_assessment", writes_assessments)
rules.add_perm("impact.sign_off_assessment", signs_off)
rules.add_perm("impact.view_engagement", writes_assessments | signs_off)
