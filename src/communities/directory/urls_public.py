from django.urls import path

from .views import public

app_name = "findhelp"
urlpatterns = [
    path("", public.search, name="search"),
    path("services/<uuid:service_id>/", public.service, name="service"),
    path("services/<uuid:service_id>/report/", public.report, name="report"),
    path("services/<uuid:service_id>/report/sent/", public.report_done, name="report_done"),
    path("my-list/", public.my_list, name="my_list"),
    path("my-list/add/", public.list_add, name="list_add"),
    path("my-list/remove/", public.list_remove, name="list_remove"),
    path("list/", public.shared_list, name="shared_list"),
]
