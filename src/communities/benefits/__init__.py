"""Benefits rules core ("Money", issue 7): PolicyEngine UK fast path plus local rules. No Django.

Public API (import from the submodules; importing this package does not import PolicyEngine):
- household: Household, Person, Location, STOCKTON
- engine: get_engine(years) -> BenefitsEngine (warm, shared per process)
- results: check_household(household, year, ...) -> HouseholdResult
- ctr: working_age_ctr, CTRApplicant, CTRScheme, default_scheme
- fuel_poverty: lilee; grants: warm_homes_local_grant, eco4_flex, HomeCircumstances
- support: pointers; caseload: read_caseload_csv, validate_caseload; screening: screen_caseload
"""
