from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from communities.insight.models import Indicator, IndicatorValue

from .test_importer import DEFINITIONS, VALUES


def _post(client, kind, text):
    return client.post(reverse("insight:upload"), {
        "kind": kind, "file": SimpleUploadedFile("data.csv", text.encode(), content_type="text/csv"),
    })


def test_analyst_uploads_definitions_then_values(client_for):
    client = client_for("analyst")
    assert client.get(reverse("insight:upload")).status_code == 200
    assert _post(client, "definitions", DEFINITIONS).status_code == 302
    assert _post(client, "values", VALUES).status_code == 302
    assert Indicator.objects.count() == 2
    assert IndicatorValue.objects.count() == 3


def test_errors_are_listed_and_nothing_is_imported(client_for):
    client = client_for("analyst")
    _post(client, "definitions", DEFINITIONS)
    response = _post(client, "values", VALUES + "smoking,borough,E06000004,,2024/25,2024,-1,10\n")
    assert response.status_code == 200
    body = response.content.decode()
    assert "nothing has been changed" in body
    assert "Line 5: numerator must be at least 0" in body
    assert IndicatorValue.objects.count() == 0


def test_only_analysts_upload(client_for, db):
    for persona in ("councillor", "officer", "worker"):
        assert client_for(persona).get(reverse("insight:upload")).status_code == 403, persona


def test_uploaded_names_are_escaped(client_for):
    client = client_for("analyst")
    _post(client, "definitions", DEFINITIONS.replace("Smoking prevalence", "<img src=x onerror=alert(1)>"))
    body = client.get(reverse("insight:overview")).content.decode()
    assert "<img src=x" not in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body


def test_the_page_states_the_size_and_row_limits(client_for):
    from communities.insight import importer

    page = client_for("analyst").get(reverse("insight:upload")).content.decode()
    assert f"The file may be {importer.LIMITS.describe()}" in page
    assert "at most 10 MB and 200,000 rows" in page
