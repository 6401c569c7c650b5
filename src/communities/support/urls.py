from django.urls import path

from .views import carers, plans, public

app_name = "support"
urlpatterns = [
    path("", plans.my_reviews, name="my_reviews"),
    path("people/<uuid:person_id>/", plans.person_support, name="person"),
    path("people/<uuid:person_id>/plans/new/", plans.plan_add, name="plan_add"),
    path("people/<uuid:person_id>/carers/new/", carers.carer_add, name="carer_add"),
    path("plans/<uuid:plan_id>/", plans.plan_detail, name="plan"),
    path("plans/<uuid:plan_id>/change/", plans.plan_edit, name="plan_edit"),
    path("plans/<uuid:plan_id>/goals/add/", plans.goal_add, name="goal_add"),
    path("plans/<uuid:plan_id>/actions/add/", plans.action_add, name="action_add"),
    path("plans/<uuid:plan_id>/actions/done/", plans.action_done, name="action_done"),
    path("plans/<uuid:plan_id>/reviews/add/", plans.review_add, name="review_add"),
    path("plans/<uuid:plan_id>/close/", plans.plan_close, name="plan_close"),
    path("plans/<uuid:plan_id>/print/", plans.plan_print, name="plan_print"),
    path("plans/<uuid:plan_id>/print.pdf", plans.plan_pdf, name="plan_pdf"),
    path("carers/<uuid:link_id>/", carers.carer_detail, name="carer"),
    path("carers/<uuid:link_id>/assessments/add/", carers.assessment_add, name="assessment_add"),
    path("carers/<uuid:link_id>/support/add/", carers.support_add, name="support_add"),
    path("carers/<uuid:link_id>/end/", carers.link_end, name="link_end"),
    path("carers/<uuid:link_id>/emergency-plan/", carers.emergency_plan, name="emergency_plan"),
    path("carers/<uuid:link_id>/emergency-plan/change/", carers.emergency_plan_edit, name="emergency_plan_edit"),
    path("carers/<uuid:link_id>/emergency-plan/contacts/add/", carers.contact_add, name="contact_add"),
    path("carers/<uuid:link_id>/emergency-plan/contacts/remove/", carers.contact_remove, name="contact_remove"),
    path("carers/<uuid:link_id>/emergency-plan/activate/", carers.activate, name="activate"),
    path("carers/<uuid:link_id>/emergency-plan/answers/", carers.answer_record, name="answer_record"),
    path("carers/<uuid:link_id>/emergency-plan/end/", carers.activation_end, name="activation_end"),
    # Public: the emergency contact's one-time link (core.access.PUBLIC_URL_NAMES).
    path("emergency-contact/<str:token>/", public.contact_response, name="contact_response"),
]
