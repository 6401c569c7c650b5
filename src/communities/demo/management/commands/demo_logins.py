from django.core.management.base import BaseCommand

from communities.accounts.models import User
from communities.demo.logins import DEMO_PASSWORD, DEMO_RESIDENT, DEMO_STAFF, demo_email, demo_totp_secret


class Command(BaseCommand):
    help = "Print the demo borough's logins, one per role."

    def handle(self, *args, **options):
        self.stdout.write(self.style.SUCCESS(f"Demo logins (password for all: {DEMO_PASSWORD}):"))
        for local, _name, role, _org in DEMO_STAFF:
            email = demo_email(local)
            self.stdout.write(f"  {role.label:<20} {email:<40} authenticator secret {demo_totp_secret(email)}")
        resident = demo_email(DEMO_RESIDENT[0])
        if User.objects.filter(email=resident).exists():
            self.stdout.write(f"  {'Resident (volunteer)':<20} {resident:<40} no second factor until approved for a "
                              "role that shows personal data")
        self.stdout.write("The sign-in page's second step shows each demo account's current code (DEMO_MODE only).")
