"""Volunteering and community action (issue 16): opportunities, volunteers and their checks, hours, community
groups and events, residents' ideas, impact.
"""
