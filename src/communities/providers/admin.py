"""Provider quality is managed on its own pages (audited through services.py); the admin only lists providers."""

from django.contrib import admin

from .models import Provider


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "postcode", "rag_status", "cqc_rating", "commissioner")
    list_filter = ("kind", "rag_status", "commissioned")
    search_fields = ("name", "cqc_location_id", "postcode")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
