"""Who may do what, in one place (django-rules). Roles are read from the user's current organisation.

``request.user.current_roles`` is set by CurrentOrganisationMiddleware from the memberships that are active *now*,
so a worker removed from an organisation loses access on their next request.
"""

from __future__ import annotations

import rules

from .models import Role
from .roles import effective_roles


def _roles(user) -> frozenset[str]:
    """The current roles that the current organisation's kind may hold (roles.py): a directory editor or analyst
    membership in a VCSE group, however it was made, grants nothing."""
    return effective_roles(getattr(user, "current_organisation", None), getattr(user, "current_roles", frozenset()))


def has_role(*roles: str):
    wanted = frozenset(roles)
    name = "has_role:" + ",".join(sorted(wanted))

    @rules.predicate(name=name)
    def predicate(user) -> bool:
        return bool(_roles(user) & wanted)

    return predicate


@rules.predicate
def is_member(user) -> bool:
    return bool(_roles(user))


@rules.predicate
def is_platform_admin(user) -> bool:
    return bool(getattr(user, "is_superuser", False))


is_org_admin = has_role(Role.ADMINISTRATOR)
# Roles whose work needs residents' personal data (support, referrals, trips, money advice).
works_with_people = has_role(
    Role.ADMINISTRATOR, Role.COUNCIL_OFFICER, Role.VCSE_WORKER, Role.VOLUNTEER, Role.DRIVER
)
can_see_insight = has_role(Role.ANALYST, Role.COUNCIL_OFFICER, Role.COUNCILLOR, Role.ADMINISTRATOR)

rules.add_perm("core.view_dashboard", is_member | is_platform_admin)
rules.add_perm("organisations.view_members", is_org_admin)
rules.add_perm("organisations.invite_member", is_org_admin)
rules.add_perm("organisations.change_membership", is_org_admin)
rules.add_perm("places.view_places", is_member | is_platform_admin)
rules.add_perm("people.view_person", works_with_people)
rules.add_perm("people.add_person", has_role(Role.ADMINISTRATOR, Role.COUNCIL_OFFICER, Role.VCSE_WORKER))
rules.add_perm("people.change_person", has_role(Role.ADMINISTRATOR, Role.COUNCIL_OFFICER, Role.VCSE_WORKER))
rules.add_perm("people.break_glass", has_role(Role.ADMINISTRATOR, Role.COUNCIL_OFFICER))
# Merging two records of one person moves every link; only those who answer for the record's accuracy may do it.
rules.add_perm("people.merge_person", has_role(Role.ADMINISTRATOR, Role.COUNCIL_OFFICER))
# Least privilege inside an organisation (issue 12): these roles see the whole record of everyone the organisation
# supports; volunteers and drivers see only people assigned to them (people.Assignment), and only what the task needs.
rules.add_perm("people.view_full_record", has_role(Role.ADMINISTRATOR, Role.COUNCIL_OFFICER, Role.VCSE_WORKER))
rules.add_perm("people.assign_person", has_role(Role.ADMINISTRATOR, Role.COUNCIL_OFFICER, Role.VCSE_WORKER))
rules.add_perm("audit.view_auditevent", is_org_admin | is_platform_admin)
rules.add_perm("audit.export_auditevent", is_org_admin | is_platform_admin)
rules.add_perm("audit.review_break_glass", is_org_admin | is_platform_admin)

# Community services directory: VCSE workers propose changes to their own organisation's listings (object scope in
# directory.models.ServiceQuerySet.editable_by); directory editors approve, handle reports, import and export.
is_directory_editor = has_role(Role.DIRECTORY_EDITOR)
rules.add_perm("directory.edit_service", has_role(Role.VCSE_WORKER, Role.DIRECTORY_EDITOR))
rules.add_perm("directory.approve_change", is_directory_editor)
rules.add_perm("directory.handle_feedback", is_directory_editor)
rules.add_perm("directory.import_export", is_directory_editor)

# Money (issue 7): advisers run benefits checks for residents; council officers and the council's administrators screen
# caseload extracts, run take-up campaigns and export their lists; council roles see the income-gained report.


@rules.predicate
def acts_for_council(user) -> bool:
    organisation = getattr(user, "current_organisation", None)
    return getattr(organisation, "kind", None) == "council"


rules.add_perm("money.run_check", has_role(Role.ADMINISTRATOR, Role.COUNCIL_OFFICER, Role.VCSE_WORKER))
rules.add_perm("money.screen_caseload", has_role(Role.ADMINISTRATOR, Role.COUNCIL_OFFICER) & acts_for_council)
rules.add_perm("money.export_campaign", has_role(Role.ADMINISTRATOR, Role.COUNCIL_OFFICER) & acts_for_council)
rules.add_perm(
    "money.view_report", has_role(Role.ADMINISTRATOR, Role.COUNCIL_OFFICER, Role.ANALYST) & acts_for_council
)

# Insight (outcomes framework): analysts, council officers, councillors and administrators read the indicators;
# analysts import indicator definitions and values.
rules.add_perm("insight.view_indicators", can_see_insight)
rules.add_perm("insight.import_indicators", has_role(Role.ANALYST))

# Data protection (residents' rights): an organisation's administrators and council officers log and answer requests
# to see or erase information about people the organisation is or was involved with (object scope in
# dataprotection.services.subjects_for); any member may read the retention schedule, which holds no personal data.
rules.add_perm("dataprotection.handle_request", has_role(Role.ADMINISTRATOR, Role.COUNCIL_OFFICER))
rules.add_perm("dataprotection.view_schedule", is_member | is_platform_admin)

# Support plans and carers (communities.support): the roles that see whole records plan with residents, record carers'
# assessments, breaks and emergency plans, see a key safe code on the plan page and activate a plan. Object scope in
# support.models.scoping (the person visible, the record held by the current organisation). Volunteers and drivers
# see none of it, even when assigned.
_support_roles = has_role(Role.ADMINISTRATOR, Role.COUNCIL_OFFICER, Role.VCSE_WORKER)
rules.add_perm("support.view_support", _support_roles)
rules.add_perm("support.change_support", _support_roles)
rules.add_perm("support.see_key_safe", _support_roles)
rules.add_perm("support.activate_emergency_plan", _support_roles)

# Provider quality (issue 14): the council's commissioning staff (council officers and administrators, acting for the
# council) see and record quality concerns, visits and RAG status of the providers it commissions, and import the
# CQC's open data; partners see none of it (concerns may name residents, families and staff).
commissions_care = has_role(Role.ADMINISTRATOR, Role.COUNCIL_OFFICER) & acts_for_council
rules.add_perm("providers.view_provider", commissions_care)
rules.add_perm("providers.change_provider", commissions_care)
rules.add_perm("providers.import_cqc", commissions_care)

# Referrals (issue 14): workers who support residents send referrals and answer those their organisation receives
# (object scope in referrals.models.ReferralQuerySet.visible_to: the sending and the receiving organisation only);
# an organisation's administrators set its services' response targets; council roles and analysts read the
# referral-to-outcome funnel (counts only).
handles_referrals = has_role(Role.ADMINISTRATOR, Role.COUNCIL_OFFICER, Role.VCSE_WORKER)
rules.add_perm("referrals.make_referral", handles_referrals)
rules.add_perm("referrals.view_referral", handles_referrals)
rules.add_perm("referrals.respond_referral", handles_referrals)
rules.add_perm("referrals.export_referral", handles_referrals)
rules.add_perm("referrals.set_response_target", is_org_admin)
rules.add_perm(
    "referrals.view_funnel", has_role(Role.ADMINISTRATOR, Role.COUNCIL_OFFICER, Role.ANALYST) & acts_for_council
)
