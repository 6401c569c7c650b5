from django.urls import path

from . import views

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
]
