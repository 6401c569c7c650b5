from django.urls import path

from .views import data, editor, review, synonyms

app_name = "directory"
urlpatterns = [
    path("", editor.editor_home, name="editor_home"),
    path("services/add/", editor.service_add, name="service_add"),
    path("services/<uuid:service_id>/change/", editor.service_edit, name="service_edit"),
    path("services/<uuid:service_id>/assure/", editor.service_assure, name="service_assure"),
    path("services/<uuid:service_id>/versions/", editor.service_history, name="service_history"),
    path("services/<uuid:service_id>/versions/<int:version_number>/", editor.version_diff, name="version_diff"),
    path("approvals/", review.queue, name="queue"),
    path("approvals/<uuid:change_id>/", review.change_review, name="change_review"),
    path("freshness/", review.staleness, name="staleness"),
    path("freshness/remind/", review.staleness_remind, name="staleness_remind"),
    path("reports/", review.feedback_list, name="feedback_list"),
    path("reports/<uuid:feedback_id>/", review.feedback_detail, name="feedback_detail"),
    path("export.csv", data.export_csv, name="export_csv"),
    path("import/", data.import_csv_view, name="import_csv"),
    path("search-words/", synonyms.search_words, name="search_words"),
]
