"""Volunteer Driver Service (issue 15): passengers, bookings, drivers, vehicles and compliance, daily plans from
the scheduling core, run sheets, trip outcomes and mileage claims.
"""
