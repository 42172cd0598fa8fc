"""The words a synthetic organisation is made of: disciplines and how they group, team
names, people's names, offices, and the sentence shapes people write their statements in."""

from __future__ import annotations

from trellis.text.vocabulary import TYPICAL_DISCIPLINES


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


DISCIPLINES = TYPICAL_DISCIPLINES
# The head's reports: (group, the group lead's discipline, the disciplines it holds).
GROUPS = (
    ("Technology", "Engineering", ("Engineering", "Data", "Research")),
    ("Product", "Product", ("Product", "Design")),
    ("Go-to-market", "Sales", ("Marketing", "Sales")),
    ("Operations", "Operations", ("Operations", "Finance", "Legal", "People")),
)
TEAM_NAMES = {
    "Engineering": "Platform Checkout Growth Payments Search Mobile Identity Messaging Billing "
    "Reliability Developer-Experience Storefront Integrations Notifications Core-Services",
    "Data": "Analytics Insights Data-Platform Experimentation Forecasting Machine-Learning "
    "Reporting Data-Quality",
    "Design": "Design-Systems Brand Product-Design Content-Design UX-Writing Accessibility",
    "Product": "Core-Product Growth-Product Payments-Product Marketplace Onboarding Retention",
    "Research": "User-Research Applied-Research Market-Research Research-Ops",
    "Marketing": "Brand-Marketing Demand-Generation Lifecycle Content Community Partnerships "
    "Product-Marketing",
    "Sales": "Enterprise Mid-Market SMB Sales-Engineering Renewals Channel Sales-Operations",
    "Operations": "Customer-Support Fulfilment Procurement Facilities IT Business-Operations "
    "Trust-and-Safety",
    "Finance": "FP&A Accounting Tax Treasury Payroll Revenue-Operations",
    "Legal": "Commercial-Legal Privacy Compliance Employment-Law Corporate",
    "People": "Talent-Acquisition People-Partners Learning-and-Development Total-Rewards "
    "People-Operations Workplace",
}
TEAM_QUALIFIERS = _words(
    "Core Foundations Tooling Edge API Experience Insights Enablement Automation Delivery "
    "Discovery EMEA Americas APAC Web Apps Quality Intake Scale Labs"
)
FIRST_NAMES = _words(
    "Ana Ben Chloé Dmitri Ebony Farah Gabriel Hana Ibrahim Jana Kofi Lena Mateo Nadia Oluwaseun "
    "Priya Quentin Rosa Sven Tariq Uma Viktor Wen Ximena Yusuf Zara Aiko Bruno Carmen Diego "
    "Elif Fatima Grace Hiro Isla Jonas Kavya Liam Maya Nikolai Omar Paula Rahul Sofia Tomás "
    "Umar Valentina William Yara Zoltan Amara Björn Camille Daniel Emeka Freya Giulia Hamza "
    "Ingrid Javier Keiko Leila Marcus Naledi Oscar Pooja Rania Samuel Thandiwe Ugo Vera "
    "Wiktoria Xavier Yasmin Zeynep Adebayo Beatriz Chen Daria Erik Femi Ha-eun Ishaan Jin "
    "Kwame Lucía Mei Niamh Olga Pedro Rachel Siddharth Tove Ulla Vikram Wanjiru Yosef Alice "
    "Bilal Clara David Esther Felix Hugo Irene Joseph Katarzyna Lars Miriam Noah Ophelia Ravi "
    "Sara Teodor Anjali Chidi Elena Kenji Malik Nour Sipho Astrid Luca Mariana Tunde Zainab"
)
LAST_NAMES = _words(
    "Lima Okafor Müller Ivanova Johnson Haddad Silva Kowalski Nakamura Adeyemi Fernández "
    "Nguyen Patel Rossi Andersson Khan Dubois García Mensah O'Brien Schmidt Tanaka Yilmaz "
    "Cohen Ochieng Santos Novak Kim Martínez Jensen Abara Sharma Costa Larsen Petrov Ahmed "
    "Moreau Wang Hughes Bianchi Oyelaran Fischer Reyes Lindqvist Chatterjee Kaur Mazur Sato "
    "Boateng Herrera Dimitriou Clarke Horvat Suzuki Wójcik Nwosu Eriksson Morales Van-Dijk "
    "Banerjee Kariuki Popescu Ibarra Zhang Murphy Dlamini Hoffmann Gonzaga Ali Walsh Lopes "
    "Friedman Chen Mwangi Ortiz Bauer Osei Castillo Tran Yamamoto Nowak Jovanović Rahman "
    "Svensson Park Ferrari Achebe Brennan Kuznetsova Aydin Torres Gupta Keller Obi Nilsen "
    "Carvalho Hassan Li Stewart Kruger Romero Varga Iyer Eze Lund Marin Alvarez Sun Bakker"
)
BACKGROUNDS = _words(
    "physics mathematics teaching startups open-source military music healthcare "
    "career-changer journalism consulting academia retail hospitality banking bootcamp "
    "self-taught non-profit gaming biology law architecture sports-coaching public-sector "
    "philosophy film first-generation-graduate parent"
)
# A time zone and the local languages people there often speak besides English.
OFFICES = (
    ("Europe/London", ()),
    ("Europe/Berlin", ("German",)),
    ("Europe/Paris", ("French",)),
    ("Europe/Madrid", ("Spanish", "Catalan")),
    ("Europe/Lisbon", ("Portuguese",)),
    ("Europe/Warsaw", ("Polish",)),
    ("America/New_York", ("Spanish",)),
    ("America/Chicago", ()),
    ("America/Los_Angeles", ("Spanish",)),
    ("America/Sao_Paulo", ("Portuguese",)),
    ("America/Mexico_City", ("Spanish",)),
    ("Africa/Lagos", ("Yoruba", "Igbo")),
    ("Africa/Nairobi", ("Swahili",)),
    ("Asia/Kolkata", ("Hindi", "Tamil")),
    ("Asia/Singapore", ("Mandarin", "Malay")),
    ("Asia/Tokyo", ("Japanese",)),
    ("Australia/Sydney", ()),
)
OFFICE_WEIGHTS = (18, 10, 6, 5, 5, 4, 14, 5, 9, 5, 3, 4, 3, 8, 4, 3, 4)

# Sentence shapes for each statement; {t} and {u} are topics as a person writes them.
TEMPLATES = {
    "working_on": (
        "{t}",
        "migrating our {t} setup",
        "getting our {t} under control",
        "our {t} keeps breaking",
        "rolling out {t} across the team",
        "cleaning up years of {t} debt",
        "a proposal to replace {t} with {u}",
        "{t} and {u}",
        "making {t} less painful for everyone",
        "a first version of {t} for a new market",
        "untangling {t} from {u}",
        "measuring whether {t} actually helps",
        "writing the playbook for {t}",
        "{t}, mostly firefighting",
        "scaling {t} to the next order of magnitude",
        "an audit of our {t}",
        "building dashboards for {t}",
        "hiring for {t}",
        "moving off our legacy {t}",
        "automating the boring parts of {t}",
        "getting {t} and {u} to talk to each other",
        "our {t} backlog",
        "next quarter's goals around {t}",
        "a pilot of {t} with two teams",
    ),
    "curious_about": (
        "{t}",
        "how other teams do {t}",
        "whether {t} would help us",
        "what {t} looks like at scale",
        "{t}, mostly out of curiosity",
        "the history of {t}",
        "{t} vs {u}",
        "where {t} is heading",
        "how {t} works under the hood",
        "anything about {t}",
        "why {t} is so hard to get right",
        "good books on {t}",
        "{t} in other industries",
        "how people combine {t} with {u}",
    ),
    "can_help_with": (
        "{t}",
        "reviewing {t} work",
        "pairing on {t}",
        "I've done a lot of {t}",
        "{t} (years of it at my last job)",
        "debugging {t}",
        "explaining {t} to non-specialists",
        "{t} and {u}",
        "setting up {t} from scratch",
        "interview prep for {t} roles",
        "a second pair of eyes on {t}",
        "lessons from a messy {t} rollout",
        "helping people new to {t}",
        "running workshops on {t}",
    ),
    "learning": (
        "{t}",
        "getting better at {t}",
        "{t} basics",
        "trying to understand {t}",
        "a course on {t}",
        "{t}, slowly",
        "going deeper into {t}",
        "practical {t}",
        "how to do {t} properly",
        "{t} from first principles",
        "{t} for a side project",
        "{t}, with a study group",
    ),
}
SHARED_TEMPLATES = (
    "{p}",
    "{p}, with people from other teams",
    "helping with {p}",
    "{p} (cross-team)",
    "a working group on {p}",
)
JOINERS = (", ", "; ", " and ", "\n", ". ")
FILLERS = (
    "Happy to chat.",
    "Ask me anything.",
    "Always up for pairing.",
    "Coffee chats welcome.",
    "Still figuring this out.",
    "Slowly!",
    "Would love pointers.",
)
# Problems several teams have at once. Only those the loaded vocabulary
# recognises are used; the disciplines are the ones that run into them.
SHARED_PROBLEMS = (
    ("migrating to Kubernetes", "Engineering Data Operations"),
    ("accessibility of our forms", "Design Engineering Product Legal"),
    ("forecasting churn", "Data Product Marketing Finance Sales"),
    ("churn reduction for enterprise customers", "Product Marketing Sales Data"),
    ("GDPR data subject requests", "Legal Engineering Data People"),
    ("new hire onboarding that takes weeks, not months", "People Engineering Operations Sales"),
    ("pricing experiments", "Product Marketing Finance Sales Data"),
    ("our incident response process", "Engineering Operations Legal"),
    ("setting OKRs that people actually use", "Product People Operations Finance"),
    ("cloud cost optimisation", "Engineering Finance Operations"),
    ("one design system for the whole company", "Design Engineering Product Marketing"),
    ("user interviews for the new onboarding", "Research Design Product Marketing"),
    ("SOC 2 audit preparation", "Legal Engineering Operations Finance"),
    ("A/B testing the signup flow", "Product Marketing Data Design"),
    ("retention analysis for the new plans", "Marketing Sales Data Product"),
    ("demand forecasting", "Operations Finance Data"),
    ("a support assistant built on large language models", "Engineering Data Operations Product"),
    ("sales forecasting", "Sales Finance Data"),
    ("data quality in our ETL pipelines", "Data Engineering Finance"),
    ("security awareness training", "Legal People Engineering"),
    ("writing better documentation", "Engineering Product Research"),
    ("performance reviews that are fair", "People Engineering Sales Operations"),
)
