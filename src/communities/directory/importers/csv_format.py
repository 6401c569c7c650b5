"""The directory's CSV format, shared by import and export (so an export can be edited and imported again).

One row per service. Columns (header row required, order free, unknown columns refused):

| column | required | notes |
|---|---|---|
| service_id | no | UUID. Blank: derived from organisation_name and name (UUID v5): re-importing updates |
| organisation_id | no | UUID. Blank: derived from organisation_name |
| organisation_name | yes | |
| name | yes | service name |
| description | no | |
| status | no | active (default), inactive, defunct, temporarily closed |
| url | no | web address starting http:// or https:// |
| email | no | |
| phone | no | |
| is_free | no | yes or no (default no) |
| fees | no | cost details in words |
| minimum_age, maximum_age | no | whole numbers 0–120 |
| eligibility | no | who it is for, in words |
| categories | no | default taxonomy term codes or names, separated by ";" (for example food-pantry;for-families) |
| opening_times | no | sessions separated by ";": "Saturday 10:00-12:00; Monday to Friday 09:00-17:00" |
| location_name, address_1, city, postal_code | no | where it happens; postal_code is needed with address_1 |
| latitude, longitude | no | decimal degrees; blank: taken from the postcode when it is in the council's area |
| transportation | no | how to get there |
| accessibility | no | access notes |
| assured_date | no | YYYY-MM-DD, when the listing was last checked |
"""

COLUMNS = [
    "service_id", "organisation_id", "organisation_name", "name", "description", "status", "url", "email", "phone",
    "is_free", "fees", "minimum_age", "maximum_age", "eligibility", "categories", "opening_times", "location_name",
    "address_1", "city", "postal_code", "latitude", "longitude", "transportation", "accessibility", "assured_date",
]
REQUIRED = ["organisation_name", "name"]
