"""Who may see the OpenActive feeds' status (the activities themselves are public)."""

import rules

from communities.organisations.models import Role
from communities.organisations.rules import has_role

rules.add_perm("activities.view_feeds", has_role(Role.ADMINISTRATOR, Role.COUNCIL_OFFICER, Role.DIRECTORY_EDITOR))
