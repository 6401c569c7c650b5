from django.urls import path

from . import views
from .views import hub as hub_views
from .views import merge as merge_views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("add/", views.person_add, name="add"),
    path("emergency-access/", views.break_glass, name="break_glass"),
    path("emergency-access/reviews/", views.break_glass_reviews, name="break_glass_reviews"),
    path("emergency-access/reviews/<int:review_id>/", views.break_glass_review, name="break_glass_review"),
    path("<uuid:person_id>/", views.person_detail, name="detail"),
    path("<uuid:person_id>/change/", views.person_edit, name="edit"),
    path("<uuid:person_id>/assignments/add/", views.assignment_add, name="assignment_add"),
    path("<uuid:person_id>/assignments/end/", views.assignment_end, name="assignment_end"),
    path("<uuid:person_id>/household/", hub_views.household_edit, name="household_edit"),
    path("<uuid:person_id>/household/add/", hub_views.household_member_add, name="household_member_add"),
    path("<uuid:person_id>/contact/", hub_views.contact_preferences_edit, name="contact_edit"),
    path("<uuid:person_id>/needs/add/", hub_views.need_add, name="need_add"),
    path("<uuid:person_id>/needs/end/", hub_views.need_end, name="need_end"),
    path("<uuid:person_id>/consents/add/", hub_views.consent_add, name="consent_add"),
    path("<uuid:person_id>/consents/<uuid:consent_id>/withdraw/", hub_views.consent_withdraw,
         name="consent_withdraw"),
    path("<uuid:person_id>/merge/", merge_views.merge_choose, name="merge"),
    path("<uuid:person_id>/merge/<uuid:duplicate_id>/", merge_views.merge_confirm, name="merge_confirm"),
]
