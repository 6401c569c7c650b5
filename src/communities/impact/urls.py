from django.urls import path

from .views import assessments, public, signoff

app_name = "impact"
urlpatterns = [
    path("", assessments.register, name="register"),
    path("new/", assessments.create, name="create"),
    path("published/", public.published_list, name="published_list"),
    path("published/<uuid:epia_id>/", public.published_page, name="published"),
    path("published/<uuid:epia_id>/pdf/", public.published_pdf, name="published_pdf"),
    path("<uuid:epia_id>/", assessments.detail, name="detail"),
    path("<uuid:epia_id>/details/", assessments.edit, name="edit"),
    path("<uuid:epia_id>/groups/<slug:epia_group>/", assessments.consideration, name="consideration"),
    path("<uuid:epia_id>/engagement/add/", assessments.engagement_add, name="engagement_add"),
    path("<uuid:epia_id>/actions/add/", assessments.action_add, name="action_add"),
    path("<uuid:epia_id>/actions/<int:epia_action_id>/done/", assessments.action_done, name="action_done"),
    path("<uuid:epia_id>/evidence/refresh/", assessments.refresh, name="refresh"),
    path("<uuid:epia_id>/submit/", assessments.submit, name="submit"),
    path("<uuid:epia_id>/sign-off/", signoff.sign_off, name="sign_off"),
    path("<uuid:epia_id>/publish/", assessments.publish, name="publish"),
    path("<uuid:epia_id>/reassess/", assessments.reassess, name="reassess"),
]
