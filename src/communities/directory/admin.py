"""Platform administrators can link a directory organisation to a platform organisation here (so that its VCSE
workers may propose changes) and look up records; day-to-day editing is in the directory's own pages."""

from django.contrib import admin

from .models import ChangeRequest, DirectoryOrganisation, Feedback, Service, Taxonomy, TaxonomyTerm


@admin.register(DirectoryOrganisation)
class DirectoryOrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "platform_organisation", "source", "last_modified"]
    search_fields = ["name"]
    list_select_related = ["platform_organisation"]


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "status", "assured_date", "last_modified"]
    list_filter = ["status", "is_free"]
    search_fields = ["name", "organization__name"]
    list_select_related = ["organization"]
    raw_id_fields = ["organization"]


admin.site.register([Taxonomy, TaxonomyTerm])


@admin.register(ChangeRequest, Feedback)
class ReadOnlyAdmin(admin.ModelAdmin):
    """Decisions and reports are made in the directory's pages, where they are audited."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
