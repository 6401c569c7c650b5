"""Provider quality pages as the personas: the council's officers and administrators see and record; partners,
outsiders and council roles without commissioning see nothing; every change and every concern read is audited."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from communities.audit.models import AuditEvent
from communities.providers.models import Provider, QualityConcern, QualityVisit, RagChange

from .conftest import DIRECTORY_SAMPLE

pytestmark = pytest.mark.django_db


def test_officer_lists_finds_and_filters_providers(client_for, provider, council, partner):
    Provider.objects.create(commissioner=partner, name="Not the council's", postcode="TS18 1NR")
    Provider.objects.create(commissioner=council, name="Green Lodge", postcode="TS17 0RP", rag_status="green")
    client = client_for("officer")
    page = client.get("/providers/").content.decode()
    assert "Meadowbank Care Home" in page and "Green Lodge" in page and "Not the council" not in page
    assert "Meadowbank" not in client.get("/providers/?q=TS17&rag=").content.decode()
    assert "Green Lodge" in client.get("/providers/?q=ts170rp").content.decode()
    assert "Green Lodge" not in client.get("/providers/?rag=red").content.decode()


@pytest.mark.parametrize("persona", ["worker", "outsider", "volunteer", "councillor", "analyst", "editor"])
def test_others_cannot_see_providers_or_concerns(persona, client_for, provider, personas):
    concern = QualityConcern.objects.create(provider=provider, raised_on=date(2026, 11, 1), raised_by_kind="family",
                                            category="medication", severity="high", summary="Named resident",
                                            recorded_by=personas["officer"])
    client = client_for(persona)
    for url in ("/providers/", f"/providers/{provider.pk}/", f"/providers/concerns/{concern.pk}/", "/providers/cqc/"):
        assert client.get(url).status_code in (403, 404), (persona, url)
    assert client.post(f"/providers/concerns/{concern.pk}/", {"status": "closed_upheld"}).status_code in (403, 404)
    concern.refresh_from_db()
    assert concern.status == "open"


def test_a_partner_administrator_sees_nothing_of_the_councils_providers(client_for, provider, partner, personas):
    from communities.organisations.models import Membership

    Membership.objects.create(user=personas["worker"], organisation=partner, role="administrator")
    client = client_for("worker")
    assert client.get(f"/providers/{provider.pk}/").status_code in (403, 404)


def test_rag_change_is_a_row_with_who_when_why_and_audited(client_for, provider, personas):
    client = client_for("officer")
    response = client.post(f"/providers/{provider.pk}/rag/", {"status": "amber", "reason": "Missed calls rising"})
    assert response.status_code == 302
    client.post(f"/providers/{provider.pk}/rag/", {"status": "red", "reason": "Unannounced visit findings"})
    provider.refresh_from_db()
    assert provider.rag_status == "red"
    history = list(RagChange.objects.filter(provider=provider).values_list("previous", "status", "reason",
                                                                           "changed_by"))
    assert history == [("amber", "red", "Unannounced visit findings", personas["officer"].pk),
                       ("", "amber", "Missed calls rising", personas["officer"].pk)]
    assert AuditEvent.objects.filter(object_type="providers.Provider", object_id=str(provider.pk),
                                     action="update").count() == 2
    page = client.get(f"/providers/{provider.pk}/").content.decode()
    assert "Unannounced visit findings" in page and "Missed calls rising" in page
    assert AuditEvent.objects.filter(object_type="providers.Provider", object_id=str(provider.pk), action="view",
                                     actor=personas["officer"]).exists()  # the page shows free text: reads audited


def test_rag_change_needs_a_reason_and_a_real_change(client_for, provider):
    client = client_for("officer")
    response = client.post(f"/providers/{provider.pk}/rag/", {"status": "amber", "reason": ""})
    assert "Enter why the RAG status is changing" in response.content.decode()
    client.post(f"/providers/{provider.pk}/rag/", {"status": "amber", "reason": "First"})
    response = client.post(f"/providers/{provider.pk}/rag/", {"status": "amber", "reason": "Again"})
    assert "already amber" in response.content.decode()
    assert RagChange.objects.count() == 1


def _concern_post(**overrides):
    data = {"raised_on_day": "3", "raised_on_month": "11", "raised_on_year": "2026", "raised_by_kind": "family",
            "raised_by_name": "Jo Example", "category": "missed_calls", "severity": "medium",
            "summary": "Three missed calls to Mr Example", "actions": "", "status": "open"}
    data.update(overrides)
    return data


def test_officer_records_and_updates_a_concern_audited_and_its_reads_audited(client_for, provider, personas):
    client = client_for("officer")
    response = client.post(f"/providers/{provider.pk}/concerns/add/", _concern_post())
    assert response.status_code == 302, response.content.decode()[:2000]
    concern = QualityConcern.objects.get()
    assert (concern.raised_on, concern.recorded_by, concern.status) == (date(2026, 11, 3), personas["officer"], "open")
    assert AuditEvent.objects.filter(object_type="providers.QualityConcern", action="create").count() == 1
    page = client.get(f"/providers/concerns/{concern.pk}/").content.decode()
    assert "Three missed calls to Mr Example" in page
    assert AuditEvent.objects.filter(object_type="providers.QualityConcern", object_id=str(concern.pk),
                                     action="view").count() == 1
    response = client.post(f"/providers/concerns/{concern.pk}/", {"status": "closed_upheld", "severity": "medium",
                                                                    "actions": "Rota changed"})
    assert response.status_code == 302
    concern.refresh_from_db()
    assert concern.status == "closed_upheld" and concern.closed_on is not None
    update = AuditEvent.objects.get(object_type="providers.QualityConcern", action="update")
    assert update.fields["status"] == ["open", "closed_upheld"]


@pytest.mark.parametrize("overrides, message", [
    ({"raised_on_day": "31", "raised_on_month": "2"}, "Date raised must be a real date"),
    ({"raised_on_year": "2099"}, "Date raised must be"),
    ({"summary": ""}, "Enter what the concern is"),
    ({"severity": ""}, "Select how severe the concern is"),
])
def test_bad_concern_input_gets_a_clear_error_and_writes_nothing(overrides, message, client_for, provider):
    response = client_for("officer").post(f"/providers/{provider.pk}/concerns/add/", _concern_post(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not QualityConcern.objects.exists()
    assert not AuditEvent.objects.filter(object_type="providers.QualityConcern").exists()


def test_officer_records_a_visit(client_for, provider):
    response = client_for("officer").post(f"/providers/{provider.pk}/visits/add/", {
        "visited_on_day": "1", "visited_on_month": "12", "visited_on_year": "2026", "kind": "unannounced",
        "visited_by": "Olu Officer", "findings": "Medication charts incomplete", "recommended_rag": "red"})
    assert response.status_code == 302
    visit = QualityVisit.objects.get()
    assert visit.findings == "Medication charts incomplete"
    assert AuditEvent.objects.filter(object_type="providers.QualityVisit", action="create").exists()
    provider.refresh_from_db()
    assert provider.rag_status == ""  # a visit suggests; only a RAG change with a reason changes it


def test_admin_adds_a_provider(client_for, council):
    response = client_for("admin").post("/providers/add/", {"name": "New Home", "kind": "care_home",
                                                            "postcode": "ts181nr", "commissioned": "on"})
    assert response.status_code == 302
    provider = Provider.objects.get()
    assert (provider.commissioner, provider.postcode) == (council, "TS18 1NR")
    assert AuditEvent.objects.filter(object_type="providers.Provider", action="create").exists()


def test_upload_page_imports_and_reports(client_for, council):
    client = client_for("officer")
    upload = SimpleUploadedFile("directory.csv", DIRECTORY_SAMPLE.read_bytes(), content_type="text/csv")
    response = client.post("/providers/cqc/", {"file": upload, "local_authority": "Stockton-on-Tees"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Synthetic Elm House" in page and "Open Government Licence v3.0" in page
    assert Provider.objects.filter(commissioner=council).count() == 3


def test_upload_page_lists_errors_and_writes_nothing(client_for):
    text = DIRECTORY_SAMPLE.read_text(encoding="utf-8-sig").replace("TS17 0RP", "XX")
    upload = SimpleUploadedFile("directory.csv", text.encode(), content_type="text/csv")
    response = client_for("officer").post("/providers/cqc/", {"file": upload, "local_authority": "Stockton-on-Tees"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "nothing has been changed" in page and "Line 7, Postcode" in page
    assert not Provider.objects.exists()


def test_upload_page_refuses_a_file_that_is_not_utf8(client_for):
    upload = SimpleUploadedFile("directory.csv", "Name,Café\n".encode("cp1252"), content_type="text/csv")
    response = client_for("officer").post("/providers/cqc/", {"file": upload, "local_authority": "Stockton-on-Tees"})
    assert "saved as UTF-8" in response.content.decode()


def test_data_sources_page_credits_the_cqc(client):
    page = client.get("/data-sources/").content.decode()
    assert "Care Quality Commission" in page and "Open Government Licence v3.0" in page


def test_closed_concerns_are_anonymised_after_six_years_and_open_ones_kept(provider, personas):
    from communities.dataprotection import registry

    old = date(2019, 1, 10)
    closed = QualityConcern.objects.create(
        provider=provider, raised_on=old, raised_by_kind="family", raised_by_name="Jo Example", category="other",
        severity="low", status="closed_upheld", closed_on=old, summary="Names Mr Example", actions="Apology",
        recorded_by=personas["officer"])
    still_open = QualityConcern.objects.create(
        provider=provider, raised_on=old, raised_by_kind="family", raised_by_name="Kim Example", category="other",
        severity="low", summary="Open since 2019", recorded_by=personas["officer"])
    from communities.dataprotection import retention

    registration = next(r for r in registry.registrations() if r.model_label == "providers.QualityConcern")
    assert registration.schedule.lawful_basis == "public_task"
    assert list(registration.pending(date(2020, 12, 7))) == [closed]  # six years before 7 December 2026
    retention.run(dry_run=False, today=date(2026, 12, 7))
    closed.refresh_from_db()
    still_open.refresh_from_db()
    assert (closed.raised_by_name, closed.summary, closed.actions) == ("", "(anonymised)", "(anonymised)")
    assert (still_open.raised_by_name, still_open.summary) == ("Kim Example", "Open since 2019")
    assert not registration.pending(date(2020, 12, 7)).exists()  # a second run has nothing left to do


def test_a_cqc_location_id_already_used_by_another_provider_is_refused(client_for, provider, council):
    Provider.objects.create(commissioner=council, name="Other Home", postcode="TS17 0RP",
                            cqc_location_id="1-123456789")
    response = client_for("officer").post(f"/providers/{provider.pk}/change/", {
        "name": provider.name, "kind": "care_home", "postcode": "TS18 1NR", "cqc_location_id": " 1-123456789 "})
    assert response.status_code == 200
    assert "Other Home (TS17 0RP) already has CQC location ID 1-123456789" in response.content.decode()
    provider.refresh_from_db()
    assert provider.cqc_location_id == ""


def test_open_concerns_across_providers_most_severe_first(client_for, provider, council, partner, personas):
    other = Provider.objects.create(commissioner=council, name="Green Lodge", postcode="TS17 0RP")
    elsewhere = Provider.objects.create(commissioner=partner, name="Not ours", postcode="TS17 0RP")
    for where, severity, status, summary in ((provider, "medium", "open", "A"), (other, "critical", "investigating",
                                              "B"), (provider, "high", "closed_upheld", "C"),
                                             (elsewhere, "critical", "open", "D")):
        QualityConcern.objects.create(provider=where, raised_on=date(2026, 11, 1), raised_by_kind="family",
                                      category="staffing", severity=severity, status=status, summary=summary,
                                      recorded_by=personas["officer"])
    client = client_for("officer")
    page = client.get("/providers/concerns/").content.decode()
    assert "2 concerns" in page and "Not ours" not in page
    assert page.index("Green Lodge") < page.index("Meadowbank Care Home")  # critical before medium
    assert "3 concerns" in client.get("/providers/concerns/?show=all").content.decode()
    assert client_for("worker").get("/providers/concerns/").status_code == 403


def test_navigation_shows_providers_only_to_those_who_may_see_them(client_for):
    link = 'class="govuk-service-navigation__link" href="/providers/"'
    assert link in client_for("officer").get("/places/").content.decode()
    assert link not in client_for("worker").get("/places/").content.decode()
