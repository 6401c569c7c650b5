"""Weather-health alerts (issue 17): CAP 1.2 import or entry by hand, cohort rules as data, incidents opened for
amber and red alerts in the area; and the community risk map per LSOA.
"""
