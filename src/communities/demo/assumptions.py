"""Parameters of the synthetic borough. Base rates cite their source; gradients by deprivation are illustrative.

Nothing here is a statistic about any real person. Where a figure is an assumption made for the demonstration it
says so; change it here, not in the generator.
"""

# Census 2021 (ONS, "Disability, England and Wales: Census 2021", Jan 2023): 17.7% of usual residents in England
# were disabled under the Equality Act.
DISABILITY_RATE_ENGLAND = 0.177
# Census 2021 (ONS, "Unpaid care, England and Wales: Census 2021", Feb 2023): 8.9% of usual residents aged 5+ in
# England provided unpaid care.
UNPAID_CARE_RATE_ENGLAND = 0.089

# Illustrative assumption: prevalence multiplies by this factor in each national IMD decile (1 = most deprived),
# a gradient shaped like the one Census 2021 shows between the most and least deprived areas.
DEPRIVATION_FACTOR = {1: 1.45, 2: 1.35, 3: 1.25, 4: 1.15, 5: 1.05, 6: 0.95, 7: 0.9, 8: 0.85, 9: 0.8, 10: 0.75}
# Illustrative assumption: disability prevalence rises with age.
AGE_FACTOR = [(0, 0.35), (16, 0.6), (35, 0.85), (50, 1.2), (65, 1.6), (75, 2.3), (85, 3.2)]

# Household types: (name, adults' age range, number of adults, number of children (min, max)).
# Shares: illustrative, shaped on Census 2021 TS003 household composition for England (one-person households about
# 30%, lone-parent households about 11%), shifted towards single adults and lone parents in deprived areas.
HOUSEHOLD_TYPES = [
    ("single_pensioner", (66, 99), 1, (0, 0)),
    ("pensioner_couple", (66, 95), 2, (0, 0)),
    ("single_adult", (18, 65), 1, (0, 0)),
    ("couple", (18, 65), 2, (0, 0)),
    ("couple_with_children", (20, 60), 2, (1, 3)),
    ("lone_parent", (18, 60), 1, (1, 3)),
    ("adults_sharing", (18, 65), 3, (0, 0)),
]
HOUSEHOLD_SHARES_LEAST_DEPRIVED = [0.13, 0.12, 0.13, 0.20, 0.27, 0.07, 0.08]
HOUSEHOLD_SHARES_MOST_DEPRIVED = [0.13, 0.06, 0.24, 0.13, 0.18, 0.17, 0.09]

# Illustrative assumption: median gross household income (£ a year) by IMD decile; log-normal spread sigma 0.5.
MEDIAN_INCOME_BY_DECILE = {1: 19000, 2: 22000, 3: 25000, 4: 28000, 5: 31000, 6: 34000, 7: 37000, 8: 40000,
                           9: 44000, 10: 48000}
PENSIONER_INCOME_FACTOR = 0.7
INCOME_SIGMA = 0.5

# Illustrative assumption: tenure shares (owner, mortgage, social, private, other) in the most and least deprived
# deciles; deciles between are interpolated.
TENURE_MOST_DEPRIVED = [0.15, 0.15, 0.45, 0.22, 0.03]
TENURE_LEAST_DEPRIVED = [0.45, 0.40, 0.04, 0.09, 0.02]
# Illustrative assumption: council tax band shares A–H, most and least deprived.
BAND_MOST_DEPRIVED = [0.75, 0.15, 0.07, 0.02, 0.01, 0.0, 0.0, 0.0]
BAND_LEAST_DEPRIVED = [0.05, 0.15, 0.25, 0.25, 0.17, 0.08, 0.04, 0.01]

# Share of residents already known to a partner organisation (so lists have people in them).
SHARE_WITH_INVOLVEMENT = 0.25

FIRST_NAMES = [
    "Alex", "Bailey", "Casey", "Dana", "Eli", "Frankie", "Gray", "Harper", "Indy", "Jordan", "Kai", "Logan",
    "Morgan", "Noel", "Oakley", "Parker", "Quinn", "Riley", "Sam", "Taylor", "Umi", "Vic", "Wren", "Yael", "Zion",
    "Ari", "Blair", "Charlie", "Drew", "Emery", "Finley", "Glen", "Hayden", "Jamie", "Kit", "Lee", "Max", "Nico",
]
# Surnames are built from these so that every one is obviously invented ("Sampleton", "Mockford").
SURNAME_STEMS = ["Sample", "Test", "Demo", "Mock", "Example", "Synth", "Proto", "Dummy"]
SURNAME_ENDINGS = ["ton", "worth", "ford", "by", "field", "well", "ham", "ley", "stone", "wick", "more", "dale"]
STREET_NAMES = ["Example Street", "Sample Road", "Demo Avenue", "Test Lane", "Mock Close", "Synthetic Way"]

VCSE_PLACES = ["Stockton", "Thornaby", "Billingham", "Yarm", "Ingleby Barwick", "Norton", "Eaglescliffe",
               "Hardwick", "Fairfield", "Roseworth"]
VCSE_KINDS = ["Community Pantry", "Carers' Centre", "Befriending Network", "Warm Space", "Advice Centre",
              "Volunteer Drivers", "Men's Shed", "Community Garden", "Youth Project", "Walking Group"]
