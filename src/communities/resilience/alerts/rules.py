"""Who may see and record weather-health alerts and the community risk map: the council's emergency planners,
council officers and administrators (the same people who run incidents, since an amber or red alert opens one).
Object scope: ``WeatherAlertQuerySet.visible_to``. The public, partners and volunteers see none of it."""

from __future__ import annotations

import rules

from communities.resilience.rules import runs_incidents

rules.add_perm("resilience_alerts.view_alerts", runs_incidents)
rules.add_perm("resilience_alerts.record_alert", runs_incidents)
rules.add_perm("resilience_alerts.view_risk_map", runs_incidents)
