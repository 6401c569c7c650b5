"""Who may plan days and see run sheets (django-rules), imported by ``TransportPlanningConfig.ready``.

The scheme's managers (transport coordinators, the organisation's administrators and council officers, as in
``transport.rules``) plan, move, lock and publish; drivers see run sheets, and ``Run.objects.visible_to`` narrows that
to their own runs of published plans.
"""

from __future__ import annotations

import rules

from communities.transport.rules import drives, manages_scheme

rules.add_perm("transport_planning.plan_day", manages_scheme)
rules.add_perm("transport_planning.view_run", manages_scheme | drives)
