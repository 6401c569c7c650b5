from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "communities.referrals"
    label = "referrals"
    verbose_name = "Referrals"

    def ready(self):
        from communities.core.dashboard import Tile, register
        from communities.people import timeline

        from .timeline import referral_entries

        register(Tile("Referrals", "referrals:dashboard", "referrals.view_referral",
                      "Referrals your organisation has sent and received: new, overdue, accepted and completed.",
                      figure=_waiting))
        register(Tile("Referral outcomes", "referrals:funnel", "referrals.view_funnel",
                      "From referral to outcome, by service, ward and deprivation decile."))
        timeline.register("referrals", referral_entries)


def _waiting(request) -> str:
    from communities.organisations.scoping import visible

    from .models import Referral

    received = visible(Referral, request.user).received_by(request.user.current_organisation)
    return f"{received.awaiting_response().count():,} waiting, {received.overdue().count():,} overdue"
