"""Pages of the Volunteer Driver Service: trips and outcomes (``trips``), passengers and bookings (``passengers``),
drivers, vehicles and checks (``drivers``), mileage claims and rates (``claims``), reports and open data
(``reports``)."""
