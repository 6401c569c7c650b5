"""Coded facts a referral carries: SNOMED CT concepts and the PRSB dataset it follows, each with its source.

SNOMED CT UK Edition concepts as listed for social prescribing in the PRSB Social Prescribing Information Standard
v1.1 and NHS England's social prescribing guidance (the project's reference notes, ``shared/design/references.md``
(b), checked 2026-12-07). A referral to any service carries the "referral to social prescribing service" procedure;
the "declined" situation is recorded only when the *person* declined the support offered (our decline reason
``person_declined``), not when a service turns a referral down for its own reasons, which SNOMED does not code here.
"""

from __future__ import annotations

from dataclasses import dataclass

SNOMED_SYSTEM = "http://snomed.info/sct"
SOURCE = ("PRSB Social Prescribing Information Standard v1.1 (NHS standard since January 2023; NHS England from "
          "1 January 2026, OGL) and NHS England social prescribing SNOMED CT codes")
SOURCE_DATE = "2026-12-07"


@dataclass(frozen=True)
class Code:
    code: str
    display: str
    system: str = SNOMED_SYSTEM
    source: str = SOURCE
    source_date: str = SOURCE_DATE


REFERRAL_TO_SOCIAL_PRESCRIBING = Code("871731000000106", "Referral to social prescribing service")
SOCIAL_PRESCRIBING_DECLINED = Code("871711000000103", "Social prescribing declined")

CODES = {code.code: code for code in (REFERRAL_TO_SOCIAL_PRESCRIBING, SOCIAL_PRESCRIBING_DECLINED)}

# The PRSB Social Prescribing standard's record groups, as the referral page and the FHIR export name them.
PRSB_GROUPS = (
    ("who", "About the person"),
    ("needs", "Needs and concerns: what matters to me"),
    ("support", "Support offered"),
    ("outcomes", "Outcomes"),
)
