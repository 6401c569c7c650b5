"""core.notify: GOV.UK Notify through the official client (its HTTP layer mocked: no network), offline back-ends."""

from __future__ import annotations

import json
from unittest import mock

import jwt
import pytest
import requests
from django.core.exceptions import ImproperlyConfigured

from communities.core import notify

SERVICE_ID = "26785a09-ab16-4eb0-8407-a37497a57506"
SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0"
API_KEY = f"communities_test-{SERVICE_ID}-{SECRET}"
EMAIL_TEMPLATE = "f33517ff-2a88-4f6e-b855-c550268ce08a"
SMS_TEMPLATE = "b9c1f5a6-4c1a-4e0b-9a53-0f1c36c1a001"
OWN_TEMPLATE = "0b9f1c64-4d2d-4cb8-8f83-5a0c4e8f0c7e"


def _answer(status=201, body=None):
    response = requests.Response()
    response.status_code = status
    body = body if body is not None else {"id": "740e5834-3a29-46b4-9a6f-16142fde533a"}
    response._content = json.dumps(body).encode()
    return response


@pytest.fixture
def notify_settings(settings):
    settings.NOTIFY_BACKEND = "notify"
    settings.NOTIFY_API_KEY = API_KEY
    settings.NOTIFY_BASE_URL = "https://api.notifications.service.gov.uk"
    settings.NOTIFY_EMAIL_TEMPLATE_ID = EMAIL_TEMPLATE
    settings.NOTIFY_SMS_TEMPLATE_ID = SMS_TEMPLATE
    settings.NOTIFY_TEMPLATE_IDS = {}
    return settings


def _sent(request):
    (call,) = request.call_args_list
    method, url = call.args
    return method, url, call.kwargs


def test_email_goes_through_the_official_client_to_notify_general_template(notify_settings):
    with mock.patch.object(requests.Session, "request", return_value=_answer()) as request:
        message = notify.send_email(to="jo@example.org", template="directory_change_decided",
                                    personalisation={"service": "Lunch club", "decision": "approved", "note": "None"},
                                    reference="ref-1")
    method, url, kwargs = _sent(request)
    assert (method, url) == ("POST", "https://api.notifications.service.gov.uk/v2/notifications/email")
    assert json.loads(kwargs["data"]) == {
        "email_address": "jo@example.org", "template_id": EMAIL_TEMPLATE, "reference": "ref-1",
        "personalisation": {"subject": "Your change to Lunch club was approved",
                            "body": "Your change to the listing \"Lunch club\" in Find help was approved.\n\n"
                                    "Note from the editor: None"},
    }
    headers = kwargs["headers"]
    assert headers["Content-type"] == "application/json" and headers["User-agent"].startswith("NOTIFY-API-PYTHON")
    token = headers["Authorization"].removeprefix("Bearer ")
    claims = jwt.decode(token, SECRET, algorithms=["HS256"])  # signed with the key's secret, issued by the service
    assert claims["iss"] == SERVICE_ID
    assert message.notify_id == "740e5834-3a29-46b4-9a6f-16142fde533a"
    assert notify.outbox == []


def test_sms_goes_through_the_official_client(notify_settings):
    with mock.patch.object(requests.Session, "request", return_value=_answer()) as request:
        notify.send_sms(to="07700900123", template="referral_status_changed",
                        personalisation={"reference": "R-1", "service": "Lunch club", "status": "Accepted",
                                         "link": "https://x.test/r/1"})
    method, url, kwargs = _sent(request)
    assert (method, url) == ("POST", "https://api.notifications.service.gov.uk/v2/notifications/sms")
    assert json.loads(kwargs["data"]) == {
        "phone_number": "07700900123", "template_id": SMS_TEMPLATE,
        "personalisation": {"body": "Communities: your referral R-1 to Lunch club is now Accepted. https://x.test/r/1"},
    }


def test_a_template_with_its_own_notify_id_sends_our_personalisation(notify_settings):
    notify_settings.NOTIFY_TEMPLATE_IDS = {"invitation": OWN_TEMPLATE}
    personalisation = {"organisation": "Pantry", "role": "Volunteer", "link": "https://x.test/i", "expires": "1 May"}
    with mock.patch.object(requests.Session, "request", return_value=_answer()) as request:
        notify.send_email(to="new@example.org", template="invitation", personalisation=personalisation)
    _, _, kwargs = _sent(request)
    assert json.loads(kwargs["data"]) == {"email_address": "new@example.org", "template_id": OWN_TEMPLATE,
                                          "personalisation": personalisation}


def test_notify_refusal_is_a_clear_delivery_error(notify_settings):
    refusal = _answer(400, {"status_code": 400, "errors": [{"error": "BadRequestError",
                                                            "message": "Can't send to this recipient"}]})
    with (mock.patch.object(requests.Session, "request", return_value=refusal),
          pytest.raises(notify.DeliveryError, match="Can't send to this recipient")):
        notify.send_email(to="x@example.org", template="directory_feedback",
                          personalisation={"service": "S", "link": "L"})


def test_without_a_template_id_it_says_which_setting_is_missing(notify_settings):
    notify_settings.NOTIFY_SMS_TEMPLATE_ID = ""
    with (mock.patch.object(requests.Session, "request") as request,
          pytest.raises(ImproperlyConfigured, match="NOTIFY_SMS_TEMPLATE_ID")):
        notify.send_sms(to="07700900123", template="referral_status_changed",
                        personalisation={"reference": "R", "service": "S", "status": "New", "link": "L"})
    request.assert_not_called()


def test_notify_backend_without_a_key_refuses(notify_settings):
    notify_settings.NOTIFY_API_KEY = ""
    with pytest.raises(ImproperlyConfigured, match="NOTIFY_API_KEY"):
        notify.send_email(to="x@example.org", template="directory_feedback", personalisation={"service": "S",
                                                                                             "link": "L"})


def test_memory_backend_keeps_email_and_sms(settings):
    settings.NOTIFY_BACKEND = "memory"
    notify.outbox.clear()
    notify.send_email(to="a@example.org", template="directory_feedback", personalisation={"service": "S", "link": "L"})
    notify.send_sms(to="07700900123", template="referral_status_changed",
                    personalisation={"reference": "R", "service": "S", "status": "New", "link": "L"})
    assert [(m.kind, m.to) for m in notify.outbox] == [("email", "a@example.org"), ("sms", "07700900123")]
    notify.outbox.clear()


def test_file_backend_writes_one_json_file_per_message(settings, tmp_path):
    settings.NOTIFY_BACKEND, settings.OUTBOX_DIR = "file", tmp_path / "outbox"
    notify.send_sms(to="07700900123", template="referral_status_changed",
                    personalisation={"reference": "R", "service": "S", "status": "New", "link": "L"})
    (written,) = (tmp_path / "outbox").iterdir()
    saved = json.loads(written.read_text())
    assert saved["kind"] == "sms" and saved["to"] == "07700900123" and "now New" in saved["body"]


def test_unknown_backend_and_template_are_refused(settings):
    settings.NOTIFY_BACKEND = "carrier-pigeon"
    with pytest.raises(ValueError, match="Unknown NOTIFY_BACKEND"):
        notify.send_email(to="a@example.org", template="directory_feedback", personalisation={"service": "S",
                                                                                             "link": "L"})
    with pytest.raises(ValueError, match="No text message template"):
        notify.send_sms(to="1", template="nope", personalisation={})
