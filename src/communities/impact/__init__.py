"""Equality and Poverty Impact Assessments (issue 18), prefilled with evidence from the platform.
"""
