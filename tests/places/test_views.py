import pytest

from communities.places.services import locate

pytestmark = pytest.mark.django_db


def test_postcode_lookup_finds_ward_and_deprivation(client):
    page = client.get("/places/postcode/", {"postcode": "ts181aa"}).content.decode()
    assert "TS18 1AA" in page and "Stockton Town Centre" in page and "Decile 1 of 10" in page


@pytest.mark.parametrize("postcode, message", [
    ("nonsense", "Enter a real postcode, like TS18 1AA"),
    ("SW1A 1AA", "SW1A 1AA is not a postcode in Stockton-on-Tees"),
])
def test_postcode_lookup_errors_use_the_error_summary(client, postcode, message):
    response = client.get("/places/postcode/", {"postcode": postcode})
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page and message in page and "<title>Error:" in page


def test_locate_gives_coordinates_and_distance():
    location = locate("TS18 1AA")
    assert 54.4 < location.latitude < 54.7 and -1.5 < location.longitude < -1.1
    assert location.miles_to(location.latitude, location.longitude) == 0


def test_places_pages_for_members(client_for):
    client = client_for("analyst")
    index = client.get("/places/").content.decode()
    assert "Stockton Town Centre" in index and "Yarm" in index
    ward = client.get("/places/wards/E05014878/")
    assert ward.status_code == 200 and "E01" in ward.content.decode()
    assert client.get("/places/wards/E99999999/").status_code == 404
