from django.urls import path

from . import views

app_name = "transport_planning"

urlpatterns = [
    path("", views.index, name="index"),
    path("my-runs/", views.my_runs, name="my_runs"),
    path("<int:day_plan_id>/", views.plan_detail, name="plan"),
    path("<int:day_plan_id>/publish/", views.publish, name="publish"),
    path("<int:day_plan_id>/late/", views.add_late, name="add_late"),
    path("<int:day_plan_id>/trips/<uuid:planned_trip_id>/", views.change_trip, name="change_trip"),
    path("runs/<int:run_id>/", views.run_sheet, name="run_sheet"),
    path("runs/<int:run_id>/pdf/", views.run_sheet_pdf, name="run_sheet_pdf"),
]
