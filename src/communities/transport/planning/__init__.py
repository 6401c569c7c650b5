"""Daily plans of the Volunteer Driver Service (issue 15): the scheduling core run as a background task with
progress, each driver's timeline, trips locked or moved by hand and re-checked, publishing, late bookings, run
sheets and passengers' confirmations.
"""
