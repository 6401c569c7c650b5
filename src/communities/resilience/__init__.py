"""Emergencies (issue 17): consented vulnerable-people register, lists of lists, incidents and call lists,
weather-health alerts, community risk map.
"""
