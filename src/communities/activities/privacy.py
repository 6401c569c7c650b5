"""Activities in the data-protection registry: published open data about sessions, no resident's data."""

from communities.dataprotection.registry import not_personal

not_personal("activities.Feed", "An OpenActive feed's address and read position: no personal data")
not_personal("activities.FeedRun", "What an import run read and skipped: open data item ids, no personal data")
not_personal("activities.Activity", "A leisure operator's published activity (OpenActive open data)")
not_personal("activities.Session", "A published session time (OpenActive open data)")
