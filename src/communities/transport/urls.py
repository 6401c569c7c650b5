from django.urls import path

from .views import claims, drivers, passengers, reports, trips

app_name = "transport"

urlpatterns = [
    path("", trips.home, name="home"),
    path("trips/<uuid:trip_id>/", trips.trip_detail, name="trip_detail"),
    path("trips/<uuid:trip_id>/outcome/", trips.trip_outcome, name="trip_outcome"),
    path("trips/<uuid:trip_id>/turn-away/", trips.trip_turn_away, name="trip_turn_away"),
    path("passengers/", passengers.passenger_list, name="passengers"),
    path("passengers/new/", passengers.passenger_new, name="passenger_new"),
    path("passengers/new/person/<uuid:person_id>/", passengers.passenger_from_person, name="passenger_from_person"),
    path("passengers/new/referral/<uuid:referral_id>/", passengers.passenger_from_referral,
         name="passenger_from_referral"),
    path("passengers/<uuid:passenger_id>/", passengers.passenger_detail, name="passenger_detail"),
    path("passengers/<uuid:passenger_id>/addresses/new/", passengers.passenger_address, name="passenger_address"),
    path("passengers/<uuid:passenger_id>/book/", passengers.book_trip, name="book_trip"),
    path("regular/<uuid:regular_booking_id>/skip/", passengers.regular_skip, name="regular_skip"),
    path("drivers/", drivers.driver_list, name="drivers"),
    path("drivers/new/", drivers.driver_new, name="driver_new"),
    path("drivers/<uuid:driver_id>/", drivers.driver_detail, name="driver_detail"),
    path("drivers/<uuid:driver_id>/availability/", drivers.driver_availability, name="driver_availability"),
    path("drivers/<uuid:driver_id>/away/", drivers.driver_exception, name="driver_exception"),
    path("drivers/<uuid:driver_id>/checks/new/", drivers.driver_check, name="driver_check"),
    path("vehicles/new/", drivers.vehicle_new, name="vehicle_new"),
    path("claims/", claims.claim_list, name="claims"),
    path("claims/new/", claims.claim_new, name="claim_new"),
    path("claims/export/", claims.claims_export, name="claims_export"),
    path("claims/<uuid:claim_id>/", claims.claim_detail, name="claim_detail"),
    path("claims/<uuid:claim_id>/decide/", claims.claim_decide, name="claim_decide"),
    path("rates/", claims.rates, name="rates"),
    path("report/", reports.report, name="report"),
    path("open-data/trips.json", reports.trips_feed, name="trips_feed"),
    path("open-data/booking_rules.txt", reports.booking_rules, name="booking_rules"),
]
