"""Benefits rules core ("Money", issue 7): PolicyEngine UK fast path plus local rules. No Django.

Public API (import from the submodules; importing this package does not import PolicyEngine):
- household: Household, Person, Location, STOCKTON
- engine: get_engine(years) -> BenefitsEngine (warm, shared per process; call once at worker start)
- results: check_household(household, year, ...) -> HouseholdResult
- home: assess_home(household, year, epc_band=..., ...) -> HomeAssessment (LILEE, Warm Homes, ECO4 Flex)
- ctr: working_age_ctr, CTRApplicant, CTRScheme, default_scheme
- fuel_poverty: lilee; grants: warm_homes_local_grant, eco4_flex, HomeCircumstances
- passported: free_school_meals, healthy_start; support: pointers
- caseload: COLUMNS, read_caseload_csv, validate_caseload, describe_columns
- screening: screen_caseload, screen_records
"""
