"""Physical activity sessions imported from OpenActive RPDE feeds and shown in Find help (issue 16).
"""
