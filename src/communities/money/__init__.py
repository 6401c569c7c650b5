"""Money (issue 7, web part): benefits and grants checks for advisers, caseload screening and take-up campaigns.

The rules live in the pure core ``communities.benefits``; this app adds forms, pages, records and audit.
"""
