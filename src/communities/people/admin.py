from django.contrib import admin

from .models import BreakGlassGrant


@admin.register(BreakGlassGrant)
class BreakGlassGrantAdmin(admin.ModelAdmin):
    """Administrators review emergency access here; people's records themselves are not in the admin site."""

    list_display = ["created_at", "user", "organisation", "person_id", "expires_at"]
    readonly_fields = ["person", "user", "organisation", "reason", "created_at", "expires_at"]

    def has_add_permission(self, request):
        return False
