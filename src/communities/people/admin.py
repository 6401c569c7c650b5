"""Nothing of people's records is in the Django admin site.

Residents, households, assignments and emergency access (with its reason) are personal data: they are read only
through the people pages, where every read is scoped and audited, and break-glass is reviewed there
(``/people/emergency-access/reviews/``) by the organisations involved. A platform administrator who needs to see a
record uses those pages with a membership that another administrator granted (organisations/roles.py).
"""
