"""Emergencies, under /emergencies/: the register, data holders, incidents and call lists."""

from django.urls import path

from .views import calls, holders, incidents, register

app_name = "resilience"

urlpatterns = [
    path("", incidents.home, name="home"),
    path("register/", register.entries, name="register"),
    path("register/add/", register.choose_person, name="choose_person"),
    path("register/add/<uuid:person_id>/", register.add, name="add"),
    path("register/<uuid:entry_id>/", register.entry, name="entry"),
    path("register/<uuid:entry_id>/review/", register.review, name="review"),
    path("register/<uuid:entry_id>/remove/", register.remove, name="remove"),
    path("data-holders/", holders.holders, name="holders"),
    path("data-holders/add/", holders.edit, name="add_holder"),
    path("data-holders/<int:holder_id>/", holders.edit, name="edit_holder"),
    path("incidents/declare/", incidents.declare, name="declare"),
    path("incidents/<uuid:incident_id>/", incidents.incident, name="incident"),
    path("incidents/<uuid:incident_id>/responders/", incidents.responders, name="responders"),
    path("incidents/<uuid:incident_id>/share-out/", incidents.share_out, name="share_out"),
    path("incidents/<uuid:incident_id>/close/", incidents.close, name="close"),
    path("incidents/<uuid:incident_id>/report/", incidents.report, name="report"),
    path("incidents/<uuid:incident_id>/export.csv", incidents.export_csv, name="export_csv"),
    path("incidents/<uuid:incident_id>/export.pdf", incidents.export_pdf, name="export_pdf"),
    path("follow-ups/<int:follow_up_id>/done/", incidents.follow_up_done, name="follow_up_done"),
    path("my-calls/", calls.my_calls, name="my_calls"),
    path("calls/<int:call_id>/", calls.call, name="call"),
]
