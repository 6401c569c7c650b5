"""The police.uk street-level CSV format: its columns and crime types (no Django; docs/police-uk-crime.md)."""

COLUMNS = [
    "Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude", "Location", "LSOA code",
    "LSOA name", "Crime type", "Last outcome category", "Context",
]
# police.uk crime categories as they appear in the street-level CSV files (data.police.uk/about/#columns and
# /docs/method/crime-categories, read 2026-12-08).
ASB = "Anti-social behaviour"
CRIME_TYPES = (
    ASB, "Bicycle theft", "Burglary", "Criminal damage and arson", "Drugs", "Other theft", "Possession of weapons",
    "Public order", "Robbery", "Shoplifting", "Theft from the person", "Vehicle crime",
    "Violence and sexual offences", "Other crime",
)
