"""Befriending (issue 16): befriending referrals, loneliness measures, befriender matching, check-ins.
"""
