"""The fact vocabulary: every fact a rule may use, with its type and Swedish label. One explicit registry.

A rule may only name facts declared here (the loader checks). Each fact has one extractor in
``checker.extraction`` (named in ``extractor``); derived facts are computed from other facts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FactType = Literal["bool", "int", "date", "string", "enum", "list[enum]", "list[string]", "list[place]"]

COOPERATION_KINDS: tuple[str, ...] = (
    "friendship_agreement",  # general friendship/twinning/sister-city relationship, open-ended
    "concrete_project",  # time-limited project with defined aims on a specific area
    "development_aid",  # bistånd: equipment, advice, training, money to another country
    "network_membership",  # joining or being part of an association of cities/regions
    "exchange",  # exchange of pupils, staff, study visits
    "statement",  # a declaration, appeal, stance or symbolic act (flag, resolution)
    "boycott",  # boycott, sanctions, exclusion of suppliers of a country
    "ending_cooperation",  # ending or pausing an existing cooperation
)
# The kinds that are a cooperation with a partner (the rest are stances, boycotts or endings).
COOPERATION: tuple[str, ...] = ("friendship_agreement", "concrete_project", "development_aid", "network_membership",
                                "exchange")  # fmt: skip

FOREIGN_POLICY_KINDS: tuple[str, ...] = (
    "stance_on_state",  # condemning or judging another state's conduct
    "solidarity_against_state",  # siding with one state against another
    "call_on_government",  # calling on the Government, Riksdag or EU in foreign affairs
    "boycott_sanctions",  # boycott, sanctions, exclusion by country
    "nuclear_free_zone",
    "recognition",  # recognition of a state or a genocide
)

# Canonical themes. A profile maps its priority areas onto these.
THEMES: tuple[str, ...] = (
    "disinformation",
    "democracy_human_rights",
    "climate_environment",
    "urban_development",
    "social_inclusion",
    "demographic_change",
    "skills_supply",
    "welfare_services",
    "technical_services",
    "education_youth",
    "culture",
    "trade_business",
    "security_safety",
    "health_care",
    "digitalisation",
    "tourism",
    "sport_leisure",
    "gender_equality",
    "peace_reconciliation",
    "public_health",
    "elderly_care",
    "water_sanitation",
)

THEME_LABELS_SV: dict[str, str] = {
    "disinformation": "hantering av desinformation",
    "democracy_human_rights": "demokrati och mänskliga rättigheter",
    "climate_environment": "miljö och klimat",
    "urban_development": "samhällsbyggnad",
    "social_inclusion": "social innovation och inkludering",
    "demographic_change": "anpassning till demografisk förändring",
    "skills_supply": "kompetensförsörjning",
    "welfare_services": "tillgång till välfärdstjänster",
    "technical_services": "teknisk service",
    "education_youth": "skola, barn och unga",
    "culture": "kultur",
    "trade_business": "handel och näringsliv",
    "security_safety": "trygghet och säkerhet",
    "health_care": "hälso- och sjukvård",
    "digitalisation": "digitalisering",
    "tourism": "turism",
    "sport_leisure": "idrott och fritid",
    "gender_equality": "jämställdhet",
    "peace_reconciliation": "fred och försoning",
    "public_health": "folkhälsa",
    "elderly_care": "äldreomsorg",
    "water_sanitation": "vatten och avlopp",
}

THEME_LABELS_EN: dict[str, str] = {
    "disinformation": "countering disinformation",
    "democracy_human_rights": "democracy and human rights",
    "climate_environment": "environment and climate",
    "urban_development": "urban development",
    "social_inclusion": "social innovation and inclusion",
    "demographic_change": "adapting to demographic change",
    "skills_supply": "skills supply",
    "welfare_services": "access to welfare services",
    "technical_services": "technical services",
    "education_youth": "schools, children and young people",
    "culture": "culture",
    "trade_business": "trade and business",
    "security_safety": "safety and security",
    "health_care": "health care",
    "digitalisation": "digitalisation",
    "tourism": "tourism",
    "sport_leisure": "sport and leisure",
    "gender_equality": "gender equality",
    "peace_reconciliation": "peace and reconciliation",
    "public_health": "public health",
    "elderly_care": "care of the elderly",
    "water_sanitation": "water and sanitation",
}


@dataclass(frozen=True)
class FactDef:
    name: str
    type: FactType
    label_sv: str
    label_en: str
    extractor: str | None  # function name in checker.extraction, None for derived facts
    values: tuple[str, ...] = ()  # allowed values for enum types
    question_sv: str = ""  # what to ask the proposer when the fact is unknown
    question_en: str = ""


FACTS: dict[str, FactDef] = {
    f.name: f
    for f in (
        FactDef(
            "partner_places",
            "list[place]",
            "Samarbetspartner (orter, regioner, länder)",
            "Cooperation partners (places, regions, countries)",
            "extract_places",
            question_sv="Vilken ort, region eller vilket land ska samarbetet gälla?",
            question_en="Which town, region or country is the cooperation with?",
        ),
        FactDef(
            "mentioned_places",
            "list[place]",
            "Andra orter och länder som nämns",
            "Other places mentioned",
            "extract_places",
        ),
        FactDef(
            "cooperation_kinds",
            "list[enum]",
            "Typ av samarbete eller åtgärd",
            "Kind of cooperation or action",
            "extract_cooperation_kinds",
            COOPERATION_KINDS,
            question_sv="Är förslaget ett allmänt vänortsavtal eller ett tidsbegränsat projekt med konkreta mål?",
            question_en="Is the proposal a general twinning agreement or a time-limited project with concrete aims?",
        ),
        FactDef(
            "themes",
            "list[enum]",
            "Sakområden för samarbetet",
            "Subject areas of the cooperation",
            "extract_themes",
            THEMES,
            question_sv="Vilket sakområde ska samarbetet gälla?",
            question_en="Which subject area is the cooperation to cover?",
        ),
        FactDef(
            "foreign_policy_stance",
            "bool",
            "Ställningstagande i utrikespolitisk fråga",
            "Stance on a foreign-policy matter",
            "extract_foreign_policy",
            question_sv="Innebär förslaget att kommunen tar ställning i en fråga om andra staters agerande?",
            question_en="Does the proposal make the municipality take a stance on other states' conduct?",
        ),
        FactDef(
            "foreign_policy_kinds",
            "list[enum]",
            "Slag av utrikespolitiskt ställningstagande",
            "Kind of foreign-policy stance",
            "extract_foreign_policy",
            FOREIGN_POLICY_KINDS,
        ),
        FactDef(
            "local_benefit",
            "bool",
            "Nytta för kommunens invånare, verksamheter eller näringsliv",
            "Benefit to the municipality's residents, services or businesses",
            "extract_local_benefit",
            question_sv="Vilken nytta ger förslaget kommunens invånare, verksamheter eller näringsliv?",
            question_en="What benefit does the proposal bring the municipality's residents, services or businesses?",
        ),
        FactDef(
            "individual_business_support",
            "bool",
            "Individuellt stöd till enskilda näringsidkare",
            "Individual support to particular businesses",
            "extract_business_support",
            question_sv="Avser stödet enskilda, namngivna företag eller näringslivet i allmänhet?",
            question_en="Is the support for particular, named businesses or for business in general?",
        ),
        FactDef(
            "named_businesses",
            "list[string]",
            "Namngivna företag",
            "Named businesses",
            "extract_business_support",
        ),
        FactDef(
            "general_business_promotion",
            "bool",
            "Allmänt främjande av näringslivet",
            "General promotion of business",
            "extract_business_support",
        ),
        FactDef(
            "exceptional_grounds",
            "bool",
            "Synnerliga skäl anges",
            "Exceptional grounds stated",
            "extract_business_support",
            question_sv="Finns det synnerliga skäl för ett individuellt inriktat stöd, och vilka är de?",
            question_en="Are there exceptional grounds for individual support, and what are they?",
        ),
        FactDef(
            "favours_group",
            "bool",
            "Särbehandling av en grupp kommunmedlemmar",
            "Different treatment of a group of members",
            "extract_equal_treatment",
            question_sv="Behandlas någon grupp av kommunens medlemmar annorlunda än andra?",
            question_en="Is any group of the municipality's members treated differently from others?",
        ),
        FactDef(
            "objective_reason_stated",
            "bool",
            "Sakliga skäl för särbehandling anges",
            "Objective reasons for different treatment stated",
            "extract_equal_treatment",
            question_sv="Vilka sakliga skäl finns för att behandla gruppen annorlunda?",
            question_en="What objective reasons justify treating the group differently?",
        ),
        FactDef(
            "networks_requested",
            "list[string]",
            "Nätverk som motionen vill att kommunen går med i",
            "Networks the motion asks the municipality to join",
            "extract_networks",
        ),
        FactDef(
            "motion_date",
            "date",
            "Datum då motionen väcktes",
            "Date the motion was raised",
            "extract_motion_date",
            question_sv="När väcktes motionen i fullmäktige?",
            question_en="When was the motion raised in the council?",
        ),
        FactDef(
            "motion_age_days",
            "int",
            "Motionens ålder i dagar vid bedömningsdagen",
            "Age of the motion in days at the as-of date",
            None,
            question_sv="När väcktes motionen i fullmäktige?",
            question_en="When was the motion raised in the council?",
        ),
        FactDef(
            "motion_over_one_year",
            "bool",
            "Motionen väcktes för mer än ett år sedan",
            "The motion was raised more than a year ago",
            None,
            question_sv="När väcktes motionen i fullmäktige?",
            question_en="When was the motion raised in the council?",
        ),
    )
}

DERIVED: dict[str, tuple[str, ...]] = {
    "motion_age_days": ("motion_date",),
    "motion_over_one_year": ("motion_date",),
}


VALUE_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "cooperation_kinds": {
        "friendship_agreement": ("allmänt vänorts- eller vänskapsavtal", "general twinning or friendship agreement"),
        "concrete_project": ("konkret, tidsbegränsat projekt", "concrete, time-limited project"),
        "development_aid": ("internationellt bistånd", "international aid"),
        "network_membership": ("medlemskap i nätverk", "network membership"),
        "exchange": ("utbyte", "exchange"),
        "statement": ("uttalande eller ställningstagande", "statement or stance"),
        "boycott": ("bojkott eller sanktioner", "boycott or sanctions"),
        "ending_cooperation": ("avslutat samarbete", "ending a cooperation"),
    },
    "foreign_policy_kinds": {
        "stance_on_state": ("ställningstagande om en annan stats agerande", "stance on another state's conduct"),
        "solidarity_against_state": ("solidaritet med en stat mot en annan", "siding with one state against another"),
        "call_on_government": (
            "uppmaning till regeringen eller EU i utrikesfrågor",
            "call on the Government or the EU in foreign affairs",
        ),
        "boycott_sanctions": ("bojkott eller sanktioner mot ett land", "boycott or sanctions against a country"),
        "nuclear_free_zone": ("kärnvapenfri zon", "nuclear-weapon-free zone"),
        "recognition": ("erkännande av en stat eller ett folkmord", "recognition of a state or a genocide"),
    },
    "themes": {t: (THEME_LABELS_SV[t], THEME_LABELS_EN[t]) for t in THEMES},
}


def value_label(fact: str, value: str, lang: str) -> str:
    """The plain-language label of an enum value (the value itself where none is declared)."""
    pair = VALUE_LABELS.get(fact, {}).get(value)
    if pair is None:
        return value
    return pair[0] if lang == "sv" else pair[1]
