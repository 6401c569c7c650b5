"""Weather-health alerts in the data-protection registry: an alert is public information from UKHSA about places,
and the risk map keeps counts per area only, so nothing here is about a resident."""

from __future__ import annotations

from communities.dataprotection.registry import not_personal

not_personal("resilience_alerts.WeatherAlert",
             "A weather-health alert (type, level, area, dates) and the staff member who recorded it: no resident data")
