"""Synthetic outcomes-framework data for the demo borough (settings.DEMO_EXTENSIONS).

Every value is SYNTHETIC: numerators are drawn (binomial or Poisson) for each of the council's real 2021 LSOAs from
an expected value that is worse where the LSOA's real IMD 2025 decile is more deprived, then summed to wards,
deprivation deciles and the borough. England, North East and comparator values follow the same pattern. All draws
come from the demo context's random generator, so the same seed gives the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .importer import save_values
from .models import AreaType, Indicator, IndicatorValue, KeyMove, Measure, Polarity

FIRST_YEAR, YEARS = 2019, 6
ENGLAND_POPULATION = 57_100_000
SOURCE = "Synthetic demonstration data (Communities demo borough); modelled on the OHID Fingertips definition"
HL, IH, SC, FP = KeyMove.HEALTHY_LIVES, KeyMove.INDEPENDENCE, KeyMove.SAFE_CONNECTED, KeyMove.POVERTY
P, R, D, M, S = Measure.PROPORTION, Measure.RATE, Measure.DSR, Measure.MEAN, Measure.SCORE
HIGH, LOW, NONE = Polarity.HIGH_IS_GOOD, Polarity.LOW_IS_GOOD, Polarity.NO_JUDGEMENT


@dataclass(frozen=True)
class Spec:
    code: str
    name: str
    key_move: str
    measure: str
    polarity: str
    england: float  # England value in the first year, in display units
    drift: float  # England's relative change a year
    ratio: float  # Stockton-on-Tees relative to England
    gradient: float  # log-ratio between the most and least deprived deciles (0 = no gradient)
    base: float  # share of the population in the denominator (or, for means and scores, respondents)
    wards: bool = True
    multiplier: float = 100
    unit: str = "%"
    local_drift: float = 0.0  # Stockton's extra relative change a year
    sd: float = 0.0  # for means: the spread between respondents; for scores: the SE at 10,000 people
    decimals: int = 1
    numerator: str = ""
    denominator: str = ""


SPECS = [
    # Healthy lives and reducing inequalities
    Spec("life-expectancy-male", "Life expectancy at birth (male)", HL, S, HIGH, 79.4, 0.001, 0.977, -0.09, 1.0,
         unit="years", sd=0.45, local_drift=-0.002, numerator="Deaths by age (Chiang II life table)",
         denominator="Mid-year population by age"),
    Spec("life-expectancy-female", "Life expectancy at birth (female)", HL, S, HIGH, 83.1, 0.0008, 0.982, -0.07,
         1.0, unit="years", sd=0.4),
    Spec("healthy-life-expectancy-female", "Healthy life expectancy at birth (female)", HL, S, HIGH, 63.9, -0.002,
         0.93, -0.18, 1.0, wards=False, unit="years", sd=1.2),
    Spec("smoking-prevalence", "Smoking prevalence in adults (18+)", HL, P, LOW, 13.9, -0.04, 1.12, 0.9, 0.012,
         numerator="Current smokers (survey respondents)", denominator="Adults 18+ responding"),
    Spec("smoking-in-pregnancy", "Smoking status at time of delivery", HL, P, LOW, 10.4, -0.05, 1.45, 1.0, 0.011,
         numerator="Mothers known to smoke at delivery", denominator="Maternities"),
    Spec("physically-active-adults", "Physically active adults (150+ minutes a week)", HL, P, HIGH, 66.3, 0.004,
         0.95, -0.25, 0.012, local_drift=0.012),
    Spec("bowel-screening", "Cancer screening coverage: bowel (60 to 74)", HL, P, HIGH, 65.2, 0.02, 1.01, -0.2,
         0.15),
    Spec("breast-screening", "Cancer screening coverage: breast (53 to 70)", HL, P, HIGH, 72.1, -0.01, 1.03,
         -0.12, 0.07, local_drift=-0.01),
    Spec("cervical-screening", "Cancer screening coverage: cervical (25 to 49)", HL, P, HIGH, 69.8, -0.008, 1.02,
         -0.1, 0.14),
    Spec("mmr2-at-5", "MMR vaccination, two doses, at 5 years", HL, P, HIGH, 86.8, -0.006, 1.05, -0.05, 0.012),
    Spec("flu-vaccination-65", "Flu vaccination coverage (65 and over)", HL, P, HIGH, 72.4, 0.01, 1.03, -0.06,
         0.19, local_drift=0.012),
    Spec("obesity-year-6", "Obesity in Year 6 children", HL, P, LOW, 21.0, 0.015, 1.12, 0.55, 0.012),
    Spec("alcohol-admissions", "Admissions for alcohol-specific conditions", HL, D, LOW, 587, 0.005, 1.6, 1.1, 1.0,
         multiplier=100_000, unit="per 100,000 (DSR)", decimals=0, local_drift=0.02),
    Spec("drug-deaths", "Deaths from drug misuse", HL, D, LOW, 5.2, 0.05, 2.1, 1.3, 1.0, wards=False,
         multiplier=100_000, unit="per 100,000 (DSR)"),
    Spec("under-75-cvd-mortality", "Under 75 mortality from cardiovascular disease", HL, D, LOW, 77.0, 0.0, 1.25,
         0.9, 0.9, multiplier=100_000, unit="per 100,000 (DSR)", decimals=0),
    Spec("self-harm-admissions", "Emergency admissions for intentional self-harm", HL, D, LOW, 163, -0.02, 1.35,
         0.8, 1.0, multiplier=100_000, unit="per 100,000 (DSR)", decimals=0, local_drift=-0.04),
    Spec("infant-mortality", "Infant mortality", HL, R, LOW, 3.9, -0.01, 1.1, 0.6, 0.011, wards=False,
         multiplier=1000, unit="per 1,000 live births"),
    # Independence at home
    Spec("home-after-reablement", "Older people still at home 91 days after discharge into reablement", IH, P,
         HIGH, 82.0, 0.003, 1.02, -0.05, 0.004, wards=False, local_drift=0.015),
    Spec("care-home-admissions-65", "Permanent admissions to care homes (65 and over)", IH, R, LOW, 560, -0.01,
         1.15, 0.3, 0.19, wards=False, multiplier=100_000, unit="per 100,000", decimals=0),
    Spec("supported-at-home", "People receiving long-term support who live at home", IH, P, HIGH, 70.5, 0.004,
         1.03, -0.03, 0.02, wards=False),
    Spec("carers-quality-of-life", "Carer-reported quality of life", IH, M, HIGH, 7.3, -0.005, 1.01, -0.08, 0.002,
         wards=False, unit="score out of 12", sd=2.4, decimals=2),
    Spec("learning-disability-own-home", "Adults with a learning disability living in their own home or with "
         "family", IH, P, HIGH, 80.5, 0.005, 1.05, -0.02, 0.0035, wards=False),
    Spec("falls-admissions-65", "Emergency admissions due to falls (65 and over)", IH, D, LOW, 2100, 0.0, 1.08,
         0.35, 0.19, multiplier=100_000, unit="per 100,000 (DSR)", decimals=0),
    # Safe and connected communities
    Spec("loneliness", "Adults who feel lonely often or always", SC, P, LOW, 7.1, 0.01, 1.15, 0.6, 0.01),
    Spec("total-crime", "Total recorded crime", SC, R, LOW, 89.0, 0.01, 1.2, 0.9, 1.0, multiplier=1000,
         unit="per 1,000"),
    Spec("violent-crime", "Violence against the person offences", SC, R, LOW, 34.0, 0.02, 1.25, 1.0, 1.0,
         multiplier=1000, unit="per 1,000", local_drift=0.03),
    Spec("antisocial-behaviour", "Anti-social behaviour incidents", SC, R, LOW, 24.0, -0.05, 1.3, 1.1, 1.0,
         multiplier=1000, unit="per 1,000"),
    Spec("formal-volunteering", "Adults volunteering formally at least once a month", SC, P, HIGH, 16.0, -0.02,
         0.9, -0.5, 0.01),
    Spec("feel-safe-after-dark", "Residents who feel safe outside after dark", SC, P, HIGH, 74.0, 0.0, 0.94, -0.2,
         0.012),
    # Fighting poverty
    Spec("children-low-income", "Children in relative low income families (under 16)", FP, P, LOW, 20.1, 0.01,
         1.2, 1.0, 0.19, local_drift=0.02),
    Spec("fuel-poverty", "Households in fuel poverty (low income, low energy efficiency)", FP, P, LOW, 13.1, 0.0,
         1.08, 0.8, 0.44),
    Spec("food-insecurity", "Adults experiencing moderate or severe food insecurity", FP, P, LOW, 9.4, 0.03, 1.2,
         1.0, 0.01),
    Spec("free-school-meals", "Pupils eligible for free school meals", FP, P, NONE, 22.5, 0.05, 1.15, 1.2, 0.14),
    Spec("temporary-accommodation", "Households in temporary accommodation", FP, R, LOW, 4.0, 0.06, 0.35, 0.9,
         0.44, multiplier=1000, unit="per 1,000 households", decimals=2),
    Spec("income-gained-advice", "Annual income gained per client through welfare rights advice", FP, M, HIGH,
         1850, 0.03, 1.05, 0.0, 0.015, wards=False, unit="£ a year per client", sd=1900, decimals=0),
]


def _period(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


def _definition(spec: Spec) -> Indicator:
    levels = ["borough", "imd_decile", "england", "region", "comparator"] + (["ward", "lsoa"] if spec.wards else [])
    fingertips_id, fingertips_sex = DEMO_FINGERTIPS.get(spec.code, (None, ""))
    return Indicator(
        code=spec.code, name=spec.name, key_move=spec.key_move, measure=spec.measure, polarity=spec.polarity,
        multiplier=spec.multiplier if spec.measure in (P, R, D) else 1, unit=spec.unit, decimals=spec.decimals,
        definition=f"SYNTHETIC demonstration indicator modelled on “{spec.name}”. The figures are generated, not "
        "published statistics.",
        numerator_definition=spec.numerator, denominator_definition=spec.denominator, source=SOURCE,
        frequency="Annual", geography_levels=",".join(levels), synthetic=True, target=DEMO_TARGETS.get(spec.code),
        fingertips_id=fingertips_id, fingertips_sex=fingertips_sex,
    )


#: Published targets for four of the demo indicators (in their units), so the demo shows Making Data Count assurance
#: icons. MMR: WHO European Region 95% coverage goal; flu 65+: UKHSA annual flu letter 2024/25 ambition, 75%;
#: bowel screening: NHS bowel cancer screening programme standards (2021), achievable threshold 60%; smoking:
#: HM Government "Smokefree 2030" ambition, 5% or less. Read December 2026.
DEMO_TARGETS = {"mmr2-at-5": 95.0, "flu-vaccination-65": 75.0, "bowel-screening": 60.0, "smoking-prevalence": 5.0}
#: Fingertips indicator (ID, Sex) of demo indicators, so a Fingertips download of them replaces the synthetic values
#: in one step (docs/fingertips-import.md): 92443 smoking prevalence in adults (APS), 90366 life expectancy at birth.
DEMO_FINGERTIPS = {"smoking-prevalence": (92443, ""), "life-expectancy-male": (90366, "Male"),
                   "life-expectancy-female": (90366, "Female")}


def add_demo_indicators(ctx) -> None:
    rng = ctx.rng
    lsoas = [x for x in ctx.lsoas if x.population]
    if not lsoas:
        return
    pop = np.array([float(x.population) for x in lsoas])
    decile = np.array([x.imd2025_decile or 5 for x in lsoas])
    t = (10 - decile) / 9.0  # 1 = most deprived decile, 0 = least
    tbar = float(np.average(t, weights=pop))
    ward_of = [x.ward_id for x in lsoas]
    ward_names = {w.code: w.name for w in ctx.council.wards.all()}
    groups = {
        AreaType.WARD: {code: [i for i, w in enumerate(ward_of) if w == code] for code in sorted(set(ward_of))},
        AreaType.IMD_DECILE: {str(d): [i for i in range(len(lsoas)) if decile[i] == d]
                              for d in sorted(set(decile.tolist()))},
        AreaType.BOROUGH: {ctx.council.code: list(range(len(lsoas)))},
    }
    names = {AreaType.BOROUGH: {ctx.council.code: ctx.council.name}, AreaType.WARD: ward_names}

    indicators = {s.code: _definition(s) for s in SPECS}
    for order, ind in enumerate(indicators.values()):
        ind.sort_order = order
    Indicator.objects.bulk_create(indicators.values())
    rows: list[IndicatorValue] = []

    def add(ind, area_type, code, year, **fields):
        rows.append(IndicatorValue(
            indicator=ind, area_type=area_type, area_code=code, year=year, period=_period(year),
            area_name=names.get(area_type, {}).get(code, ""), **fields))

    for spec in SPECS:
        ind = indicators[spec.code]
        shape = np.exp(spec.gradient * (t - tbar))
        if spec.measure in (S, M):
            shape = 1 + spec.gradient * (t - tbar)
        shape = shape / np.average(shape, weights=pop)
        lsoa_noise = rng.normal(0, 0.05, len(lsoas))
        for k in range(YEARS):
            year = FIRST_YEAR + k
            eng = spec.england * (1 + spec.drift) ** k
            local = eng * spec.ratio * (1 + spec.local_drift) ** k
            expected = local * shape * np.exp(lsoa_noise + rng.normal(0, 0.03, len(lsoas)))
            _benchmarks(add, ind, spec, rng, year, eng)
            if spec.measure in (P, R, D):
                den = np.maximum(np.round(pop * spec.base), 1.0)
                if spec.measure == P:
                    p = np.clip(expected / 100, 0.001, 0.999)
                    num = rng.binomial(den.astype(np.int64), p).astype(float)
                else:
                    num = rng.poisson(den * expected / spec.multiplier).astype(float)
                for area_type, members in groups.items():
                    if area_type == AreaType.WARD and not spec.wards:
                        continue
                    for code, idx in members.items():
                        n_, d_ = float(num[idx].sum()), float(den[idx].sum())
                        if d_ <= 0:
                            continue
                        add(ind, area_type, code, year, **_counts(spec, n_, d_))
                if spec.wards and k >= YEARS - 2:  # LSOA values for the two latest periods
                    for i, lsoa in enumerate(lsoas):
                        add(ind, AreaType.LSOA, lsoa.code, year, **_counts(spec, float(num[i]), float(den[i])))
            else:
                for area_type, members in groups.items():
                    if area_type == AreaType.WARD and not spec.wards:
                        continue
                    for code, idx in members.items():
                        area_pop = float(pop[idx].sum())
                        value = float(np.average(expected[idx], weights=pop[idx]))
                        add(ind, area_type, code, year, **_area_level(spec, rng, value, area_pop))
    save_values(rows)


def _counts(spec: Spec, numerator: float, denominator: float) -> dict:
    if spec.measure == D:  # a synthetic age-standardisation factor close to 1
        return {"numerator": numerator, "denominator": denominator,
                "value": numerator / denominator * spec.multiplier * 1.04 if numerator else None}
    return {"numerator": numerator, "denominator": denominator}


def _area_level(spec: Spec, rng, value: float, population: float) -> dict:
    if spec.measure == M:
        count = max(round(population * spec.base), 5)
        value = value + float(rng.normal(0, spec.sd / np.sqrt(count)))
        return {"value": round(value, 4), "sd": spec.sd, "denominator": float(count)}
    se = spec.sd * np.sqrt(10_000 / max(population, 500))
    value = value + float(rng.normal(0, se * 0.5))
    return {"value": round(value, 3), "lower": round(value - 1.96 * se, 3), "upper": round(value + 1.96 * se, 3)}


def _benchmarks(add, ind, spec: Spec, rng, year: int, eng: float) -> None:
    pops = {AreaType.ENGLAND: ENGLAND_POPULATION, AreaType.REGION: 2_680_000, AreaType.COMPARATOR: 2_400_000}
    ratio = {AreaType.ENGLAND: 1.0, AreaType.REGION: 1 + (spec.ratio - 1) * 0.7,
             AreaType.COMPARATOR: 1 + (spec.ratio - 1) * 0.85}
    codes = {AreaType.ENGLAND: "E92000001", AreaType.REGION: "E12000001", AreaType.COMPARATOR: "CIPFA"}
    for area_type, population in pops.items():
        jitter = 0.002 if spec.measure in (S, M) else 0.01  # life expectancy moves by tenths of a year
        value = eng * ratio[area_type] * float(np.exp(rng.normal(0, jitter)))
        code = codes[area_type]
        if spec.measure in (P, R, D):
            den = round(population * spec.base)
            num = float(round(den * value / (100 if spec.measure == P else spec.multiplier)))
            add(ind, area_type, code, year, **_counts(spec, num, float(den)))
        else:
            add(ind, area_type, code, year, **_area_level(spec, rng, value, population))
