"""Navigation by role: each capability adds its entries here; an entry shows only with its permission."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from communities.core.access import has_perm


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    permission: str


NAVIGATION: list[NavItem] = [
    NavItem("Dashboard", "core:dashboard", "core.view_dashboard"),
    NavItem("People", "people:list", "people.view_person"),
    NavItem("Support plans", "support:my_reviews", "support.view_support"),
    NavItem("Referrals", "referrals:dashboard", "referrals.view_referral"),
    NavItem("Impact assessments", "impact:register", "impact.view_assessment"),
    NavItem("Volunteering", "volunteering:organiser_home", "volunteering.organise"),
    NavItem("Providers", "providers:list", "providers.view_provider"),
    NavItem("Transport", "transport:home", "transport.view_trips"),
    NavItem("Daily plans", "transport_planning:index", "transport_planning.plan_day"),
    NavItem("Run sheets", "transport_planning:my_runs", "transport_planning.view_run"),
    NavItem("Emergencies", "resilience:home", "resilience.run_incident"),
    NavItem("My emergency calls", "resilience:my_calls", "resilience.respond"),
    NavItem("Weather alerts", "resilience_alerts:list", "resilience_alerts.view_alerts"),
    NavItem("Places", "places:index", "places.view_places"),
    NavItem("Members", "organisations:members", "organisations.view_members"),
    NavItem("Audit", "audit:search", "audit.view_auditevent"),
    NavItem("Directory", "directory:editor_home", "directory.edit_service"),
    NavItem("Money", "money:index", "money.run_check"),
    NavItem("Insight", "insight:overview", "insight.view_indicators"),
    NavItem("Data protection", "dataprotection:requests", "dataprotection.handle_request"),
    NavItem("Neighbourhoods", "neighbourhoods:index", "neighbourhoods.view_partner_profile"),
    NavItem("Activity feeds", "activities:feeds", "activities.view_feeds"),
    NavItem("Befriending", "befriending:cases", "befriending.manage_cases"),
    NavItem("My befriending", "befriending:my_matches", "befriending.view_my_matches"),
]


def navigation_for(request) -> list[dict]:
    user = request.user
    path = request.path
    items = []
    for item in NAVIGATION:
        if has_perm(user, item.permission):
            url = reverse(item.url_name)
            active = path == url if url == "/" else path.startswith(url)
            items.append({"label": item.label, "url": url, "active": active})
    return items
