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
    "nuclear_free_zone",  # a zone, municipality or region declared free of nuclear or other weapons of war
    "recognition",  # recognition of a state or a genocide
)

# What an att-sats (or a proposing sentence) asks the municipality to do: the action reading's kinds
# (checker/extraction/actions.py). The contract between extraction and the legal rules.
ACTION_KINDS: tuple[str, ...] = (
    "investigate",  # utreda, undersöka, se över, kartlägga
    "carry_out",  # do or decide something in the municipality's own activities
    "give_value",  # money, grant, capital, shares, loan, guarantee, reduced rent/price, free premises/land
    "take_position",  # uttala, fördöma, kräva, ta ställning, stödja en part, declare a zone
    "call_on_state",  # write to or urge the Government, the Riksdag or the EU
    "join",  # join or sign a network, declaration, charter
    "cooperate",  # vänort, partnerskap, utbyte, project with another place
    "procure_exclude",  # upphandla, not buy, exclude, boycott
    "symbolic",  # flag, naming, memorial
    "end_pause",  # end or pause an agreement or activity
)

# Who receives the value or benefit of an action.
RECIPIENT_KINDS: tuple[str, ...] = (
    "own_activities",  # the municipality's own services, committees, budget
    "residents",  # the residents in general
    "member_group",  # one group of the municipality's members (pensioners, a club's members, one district)
    "business",  # a business: company form, business noun, a name in the recipient slot
    "association",  # a non-profit association, club, society
    "foreign_place",  # a foreign town, region, state or its institutions
    "state",  # the Swedish state (Government, Riksdag, agencies)
    "unclassified",  # value is given, but to a recipient the reading could not classify
)

# issue12 (legal): closed vocabularies of the legal facts (lag 2009:47 5 kap., 2 kap., 3 kap.; KL 5 kap. 23 §)
AID_FORMS: tuple[str, ...] = (
    "surplus_equipment",  # utrustning som kommunen inte längre behöver (5 kap. 4-6, 8, 9 §§)
    "other_equipment",  # annan utrustning
    "advice_training",  # rådgivning, utbildning
    "money_training_advice",  # ekonomiskt stöd för att genomföra utbildning och rådgivning (5 kap. 4-5 §§)
    "money_other",  # ekonomiskt stöd till annat: byggnader, återuppbyggnad, drift (outside 5 kap.)
    "transport",  # transport och iordningställande av utrustning (5 kap. 6 §)
    "relief_organisation",  # genom en internationell hjälporganisation (5 kap. 7 §)
)
SPECIAL_LAW_BASES: tuple[str, ...] = (
    "elderly_services_69",  # servicetjänster åt personer som fyllt 69 år (2 kap. 7 §)
    "youth_organisations",  # ekonomiskt stöd till ungdomsorganisationer (2 kap. 5 §)
    "business_premises",  # små företags behov av lokaler (3 kap. 6 §)
    "eu_cofinancing",  # medfinansiering av projekt inom EU:s strukturfonder och program (2 kap. 3 §)
)
PROPOSAL_KINDS: tuple[str, ...] = ("motion", "medborgarforslag")

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
            "group_by_age_or_scheme",
            "bool",
            "Gruppen avgränsas efter ålder eller genom en etablerad ordning som boendeparkering",
            "The group is delimited by age or by an established scheme such as residents' parking",
            "extract_equal_treatment",
            question_sv="Avgränsas gruppen efter ålder, eller efter bostadsort, medlemskap, yrke eller något annat?",
            question_en="Is the group delimited by age, or by place of residence, membership, profession or other?",
        ),
        FactDef(
            "networks_requested",
            "list[string]",
            "Nätverk som motionen vill att kommunen går med i",
            "Networks the motion asks the municipality to join",
            "extract_networks",
        ),
        FactDef(
            "is_motion",
            "bool",
            "Texten är ett förslag till fullmäktige på svenska",
            "The text is a proposal to the council, in Swedish",
            "extract_actions",
            question_sv="Vad föreslår texten att fullmäktige ska besluta? Texten innehåller inget förslag som "
            "förvaltningen kunde läsa, eller är inte skriven på svenska.",
            question_en="What does the text propose that the council decide? It holds no proposal the "
            "administration could read, or is not written in Swedish.",
        ),
        FactDef(
            "action_kinds",
            "list[enum]",
            "Vad kommunen ombeds göra",
            "What the municipality is asked to do",
            "extract_actions",
            ACTION_KINDS,
            question_sv="Vad innebär att-satsen: vad ska kommunen göra, och för vem?",
            question_en="What does the att-sats mean: what is the municipality to do, and for whom?",
        ),
        FactDef(
            "value_recipients",
            "list[enum]",
            "Vem som får pengar eller annat av värde",
            "Who receives money or other value",
            "extract_actions",
            RECIPIENT_KINDS,
            question_sv="Vem ska ta emot pengarna, rabatten eller det andra värdet: ett företag, en förening, "
            "en grupp invånare eller kommunens egen verksamhet?",
            question_en="Who is to receive the money, discount or other value: a business, an association, "
            "a group of residents or the municipality's own services?",
        ),
        FactDef(
            "investigation_only",
            "bool",
            "Förslaget gäller bara en utredning",
            "The proposal asks only for an investigation",
            "extract_actions",
            question_sv="Ska kommunen bara utreda frågan, eller också besluta eller genomföra något?",
            question_en="Is the municipality only to investigate the matter, or also to decide or carry out something?",
        ),
        FactDef(
            "operative_stance",
            "bool",
            "Att-satsen själv innebär ett utrikespolitiskt ställningstagande",
            "The att-sats itself is a foreign-policy stance",
            "extract_actions",
            question_sv="Innebär det som motionen vill att fullmäktige beslutar ett ställningstagande om en "
            "annan stat, en konflikt utomlands eller Sveriges utrikes- och säkerhetspolitik?",
            question_en="Does what the motion asks the council to decide take a stance on another state, a "
            "conflict abroad or Sweden's foreign and security policy?",
        ),
        FactDef(
            "state_matter",
            "bool",
            "Förslaget gäller en fråga som är statens (lagstiftning eller nationell politik)",
            "The proposal concerns a matter for the state (national law or policy)",
            "extract_actions",
            question_sv="Vill motionen att staten ändrar lag eller nationell politik på statens eget område "
            "(till exempel migration, rikets säkerhet eller straffrätt), eller gäller den villkoren för "
            "kommunens egna uppgifter?",
            question_en="Does the motion ask the state to change national law or policy in the state's own "
            "field (for example migration, national security or criminal law), or does it concern the "
            "conditions for the municipality's own tasks?",
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
        # ---- issue12 (legal): facts used only by the legal rules; extractors in checker/extraction/legal.py
        FactDef(
            "aid_forms",
            "list[enum]",
            "Biståndets form",
            "Form of the aid",
            "extract_aid_forms",
            AID_FORMS,
            question_sv="Vilken form har biståndet: utrustning som kommunen inte längre behöver, annan utrustning, "
            "rådgivning eller utbildning, eller pengar – och i så fall till vad?",
            question_en="What form does the aid take: surplus equipment, other equipment, advice or training, "
            "or money – and if so, for what?",
        ),
        FactDef(
            "special_law_basis",
            "list[enum]",
            "Stöd i särskild lag (lag 2009:47)",
            "Basis in a special act (Act 2009:47)",
            "extract_special_law_basis",
            SPECIAL_LAW_BASES,
        ),
        FactDef(
            "has_cost",
            "bool",
            "Förslaget medför en kostnad",
            "The proposal has a cost",
            "extract_cost",
            question_sv="Vad kostar förslaget, och hur ska det finansieras?",
            question_en="What does the proposal cost, and how is it to be financed?",
        ),
        FactDef(
            "arbitrary_ground",
            "bool",
            "Förmånen ges efter ett uppenbart godtyckligt kriterium (en viss förening, bosättningstid, ursprung)",
            "The benefit follows a plainly arbitrary criterion (one association, length of residence, origin)",
            "extract_arbitrary_ground",
            question_sv="Efter vilket kriterium ges förmånen, och vilket sakligt skäl har det?",
            question_en="By which criterion is the benefit given, and what objective reason supports it?",
        ),
        FactDef(
            "proposal_kind",
            "enum",
            "Slag av förslag",
            "Kind of proposal",
            "extract_proposal_kind",
            PROPOSAL_KINDS,
            question_sv="Är förslaget en motion eller ett medborgarförslag?",
            question_en="Is the proposal a motion or a citizens' proposal?",
        ),
        FactDef(
            "delegated",
            "bool",
            "Fullmäktige har överlåtit beslutet till en nämnd",
            "The council has passed the decision to a committee",
            "extract_proposal_kind",
            question_sv="Har fullmäktige överlåtit till styrelsen eller en annan nämnd att besluta i ärendet "
            "(kommunallagen 5 kap. 23 §)?",
            question_en="Has the council passed the decision to the board or another committee (ch. 5 s. 23)?",
        ),
        FactDef(
            "delegated_to",
            "string",
            "Nämnd som beslutar efter överlåtelse",
            "Committee that decides after delegation",
            "extract_proposal_kind",
        ),
        FactDef(
            "commissions_body",
            "bool",
            "Förslaget ger kommunstyrelsen eller en nämnd ett uppdrag",
            "The proposal commissions the executive board or a committee",
            "extract_commission",
            question_sv="Ger förslaget kommunstyrelsen eller en nämnd i uppdrag att göra något?",
            question_en="Does the proposal commission the executive board or a committee to do something?",
        ),
        FactDef(
            "commissioned_body",
            "string",
            "Styrelse eller nämnd som får uppdraget",
            "Board or committee commissioned",
            "extract_commission",
        ),
        FactDef(
            "within_remit",
            "bool",
            "Uppdraget ligger inom den styrelsens eller nämndens eget ansvar",
            "The assignment lies within that board's or committee's own remit",
            "extract_commission",
            question_sv="Ligger uppdraget redan inom kommunstyrelsens eller nämndens ansvar, eller pågår arbetet? "
            "Då kan motionen anses besvarad, om inget annat talar mot den.",
            question_en="Does the assignment already lie within the board's or committee's remit, or is the work "
            "under way? Then the motion can be considered answered, if nothing else speaks against it.",
        ),
        FactDef(
            "remit_area",
            "string",
            "Ansvarsområde enligt profilen",
            "Area of responsibility according to the profile",
            "extract_commission",
        ),
        FactDef(
            "ongoing_work",
            "list[string]",
            "Pågående eller planerat arbete som motsvarar förslaget",
            "Work under way or planned that matches the proposal",
            "extract_ongoing_work",
            question_sv="Pågår arbetet redan, eller har kommunen redan gett någon i uppdrag att göra det som "
            "förslaget begär?",
            question_en="Is the work already under way, or has someone already been commissioned to do what the "
            "proposal asks?",
        ),
        FactDef(
            "authority_decision",
            "bool",
            "Förslaget begär ett beslut om bygglov, tillstånd, bistånd eller tillsyn",
            "The proposal asks for a decision on a building permit, licence, assistance or supervision",
            "extract_individual_case",
        ),
        FactDef(
            "individual_case",
            "bool",
            "Förslaget gäller ett enskilt ärende om myndighetsutövning (bygglov, tillstånd, bistånd, tillsyn)",
            "The proposal concerns an individual case of public authority (building permit, licence, "
            "assistance, supervision)",
            "extract_individual_case",
            question_sv="Begär förslaget att fullmäktige eller kommunstyrelsen beslutar i ett enskilt ärende, till "
            "exempel ett bygglov, ett tillstånd, ett bistånd eller ett tillsynsärende, som en nämnd enligt lag ska "
            "pröva?",
            question_en="Does the proposal ask the council or the executive board to decide an individual case, "
            "such as a building permit, a licence, assistance or a supervision case, that a committee is to decide "
            "by law?",
        ),
        # ---- end of issue12 block
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
        "nuclear_free_zone": (
            "zon fri från kärnvapen eller andra krigsvapen",
            "zone free of nuclear or other weapons of war",
        ),
        "recognition": ("erkännande av en stat eller ett folkmord", "recognition of a state or a genocide"),
    },
    "themes": {t: (THEME_LABELS_SV[t], THEME_LABELS_EN[t]) for t in THEMES},
    "action_kinds": {
        "investigate": ("utreda eller undersöka", "investigate"),
        "carry_out": ("genomföra eller besluta i den egna verksamheten", "carry out or decide in its own services"),
        "give_value": ("ge pengar eller annat av värde", "give money or other value"),
        "take_position": ("ta ställning eller göra ett uttalande", "take a position or make a statement"),
        "call_on_state": ("uppmana regeringen, riksdagen eller EU", "call on the Government, the Riksdag or the EU"),
        "join": ("gå med i eller underteckna", "join or sign"),
        "cooperate": ("samarbeta med en annan ort", "cooperate with another place"),
        "procure_exclude": ("upphandla, utesluta eller bojkotta", "procure, exclude or boycott"),
        "symbolic": ("symbolisk handling (flagga, namn, minnesmärke)", "symbolic act (flag, naming, memorial)"),
        "end_pause": ("avsluta eller pausa", "end or pause"),
    },
    "value_recipients": {
        "own_activities": ("kommunens egen verksamhet", "the municipality's own services"),
        "residents": ("invånarna i allmänhet", "residents in general"),
        "member_group": ("en viss grupp av kommunens medlemmar", "one group of the municipality's members"),
        "business": ("ett företag eller näringsidkare", "a business"),
        "association": ("en förening", "an association"),
        "foreign_place": ("en ort, region eller stat utomlands", "a place or state abroad"),
        "state": ("staten", "the state"),
        "unclassified": ("en mottagare som inte kunde bestämmas", "a recipient that could not be determined"),
    },
    # ---- issue12 (legal)
    "aid_forms": {
        "surplus_equipment": (
            "utrustning som kommunen inte längre behöver",
            "equipment the municipality no longer needs",
        ),
        "other_equipment": ("annan utrustning", "other equipment"),
        "advice_training": ("rådgivning eller utbildning", "advice or training"),
        "money_training_advice": ("pengar till utbildning eller rådgivning", "money for training or advice"),
        "money_other": ("pengar till annat än utbildning och rådgivning", "money for other than training and advice"),
        "transport": ("transport av utrustning", "transport of equipment"),
        "relief_organisation": (
            "via en internationell hjälporganisation",
            "through an international relief organisation",
        ),
    },
    "special_law_basis": {
        "elderly_services_69": (
            "servicetjänster åt personer som fyllt 69 år (lag 2009:47 2 kap. 7 §)",
            "services for people aged 69 or over (Act 2009:47 ch. 2 s. 7)",
        ),
        "youth_organisations": (
            "stöd till ungdomsorganisationer (lag 2009:47 2 kap. 5 §)",
            "support to youth organisations (Act 2009:47 ch. 2 s. 5)",
        ),
        "business_premises": (
            "lokaler för företag (lag 2009:47 3 kap. 6 §)",
            "premises for businesses (Act 2009:47 ch. 3 s. 6)",
        ),
        "eu_cofinancing": (
            "medfinansiering av EU-projekt (lag 2009:47 2 kap. 3 §)",
            "co-financing of EU projects (Act 2009:47 ch. 2 s. 3)",
        ),
    },
    "proposal_kind": {"motion": ("motion", "motion"), "medborgarforslag": ("medborgarförslag", "citizens' proposal")},
}


def value_label(fact: str, value: str, lang: str) -> str:
    """The plain-language label of an enum value (the value itself where none is declared)."""
    pair = VALUE_LABELS.get(fact, {}).get(value)
    if pair is None:
        return value
    return pair[0] if lang == "sv" else pair[1]
