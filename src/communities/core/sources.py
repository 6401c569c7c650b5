"""Open data the product ships, with the attribution each licence requires (shown on the Data sources page)."""

DATA_SOURCES = [
    {
        "name": "Lower layer super output areas, wards and local authorities (lookups, boundaries, population)",
        "publisher": "Office for National Statistics",
        "licence": "Open Government Licence v3.0",
        "attribution": "Source: Office for National Statistics licensed under the Open Government Licence v3.0. "
        "Contains OS data © Crown copyright and database right 2025.",
    },
    {
        "name": "Postcode locations (Code-Point Open, May 2025)",
        "publisher": "Ordnance Survey",
        "licence": "OS OpenData licence (Open Government Licence v3.0)",
        "attribution": "Contains OS data © Crown copyright and database right 2025. "
        "Contains Royal Mail data © Royal Mail copyright and database right 2025. "
        "Contains National Statistics data © Crown copyright and database right 2025.",
    },
    {
        "name": "English Indices of Deprivation 2019 and 2025",
        "publisher": "Ministry of Housing, Communities and Local Government",
        "licence": "Open Government Licence v3.0",
        "attribution": "Contains public sector information licensed under the Open Government Licence v3.0.",
    },
    {
        "name": "Census 2021 usual residents by LSOA; mid-2020 population estimates",
        "publisher": "Office for National Statistics",
        "licence": "Open Government Licence v3.0",
        "attribution": "Source: Office for National Statistics licensed under the Open Government Licence v3.0.",
    },
    {
        "name": "Open Referral UK 3.0 specification: OpenAPI document and JSON schemas (Find help API)",
        "publisher": "Open Referral UK",
        "licence": "BSD 3-Clause licence",
        "attribution": "HSDS-UK specification files copyright the Open Referral UK project, used under the "
        "BSD 3-Clause licence (see src/communities/directory/api/oruk/LICENSE).",
    },
    {
        "name": "Care Quality Commission care directory and latest ratings (uploaded by the council to update "
        "providers' CQC ratings; see docs/cqc-import.md)",
        "publisher": "Care Quality Commission",
        "licence": "Open Government Licence v3.0",
        "attribution": "Contains public sector information from the Care Quality Commission licensed under the "
        "Open Government Licence v3.0.",
    },
    {
        "name": "Street-level crime and anti-social behaviour (police.uk monthly CSV files; neighbourhood profiles, "
        "see docs/police-uk-crime.md). The demo uses a synthetic sample in the same format, not police data",
        "publisher": "police.uk (Single Online Home National Digital Team), from the police forces of England and "
                     "Wales",
        "licence": "Open Government Licence v3.0",
        "attribution": "Contains public sector information licensed under the Open Government Licence v3.0 "
        "(data.police.uk).",
    },
]
