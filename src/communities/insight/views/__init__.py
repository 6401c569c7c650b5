"""Insight pages: the overview, one indicator's trend, wards, inequality and map, CSV upload, the Cabinet report."""
