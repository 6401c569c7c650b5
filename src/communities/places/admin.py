from django.contrib import admin

from .models import LSOA, Council, Postcode, Ward

admin.site.register(Council)


@admin.register(Ward)
class WardAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "council"]
    search_fields = ["code", "name"]


@admin.register(LSOA)
class LSOAAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "ward", "population", "imd2025_decile", "imd2019_decile"]
    list_filter = ["imd2025_decile", "council"]
    search_fields = ["code", "name"]


@admin.register(Postcode)
class PostcodeAdmin(admin.ModelAdmin):
    list_display = ["postcode", "lsoa", "ward"]
    search_fields = ["postcode"]
    raw_id_fields = ["lsoa", "ward"]
