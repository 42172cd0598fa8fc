"""The demo organisation's raw material: disciplines, teams, names, offices and sentence shapes."""

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

# The living network's words. {topic} is a topic's name, {offer} one the sender can
# help with, {other} the other person's first name, {first} and {me} first names.
INTRO_OPENINGS = (
    "I saw on your profile that you're working on {topic} too; it's most of my week at the moment.",
    "You mention {topic} on your profile, and it's the problem my team keeps coming back to.",
    "I noticed we're both working on {topic}, from quite different teams.",
    "Your profile says you're deep in {topic}. So am I, from another corner of the company.",
)
INTRO_OFFERS = (
    "If it's useful, I'm happy to share what I've learned about {offer}.",
    "I can share the notes we wrote up about {offer}, if they'd help.",
    "In return, I can walk you through what we tried with {offer}, mistakes included.",
)
INTRO_QUESTIONS = (
    "One question, if you have a moment: what has been the trickiest part of {topic} for you "
    "so far?",
    "One question: when you started on {topic}, what did you try first, and would you do it again?",
    "One question: which part of {topic} did your team tackle first, and why?",
)
EXCHANGE_SHARED = (
    "Walked {other} through how my team handles {topic}, including the parts we got wrong.",
    "Shared the checklist I use for {topic}, and why each step is there.",
    "Showed {other} a small {topic} example from our own work and talked it through.",
    "Explained why we stopped doing {topic} the textbook way.",
    "Reviewed {other}'s draft on {topic} and marked what would confuse a newcomer.",
    "Told {other} the story of our worst {topic} week and what changed after it.",
)
EXCHANGE_LEARNED = (
    "How {other}'s team thinks about {topic}: they start from the failure cases.",
    "A simpler way to explain {topic} to people outside my team.",
    "That our {topic} trouble is mostly about ownership, not tooling.",
    "Two questions I should ask before our next {topic} review.",
    "Where {other} looks first when {topic} goes wrong.",
    "That {other}'s team measures {topic} in a way we never thought of.",
)
EXCHANGE_NOTES = (
    "Next time: {topic}, with real examples.",
    "Links to the documents we mentioned are in the team wiki.",
    "We agreed to swap notes again after the quarter's planning.",
)
# One answer to each of the journal's prompts (connections.prompts.PROMPTS), in order.
REFLECTIONS = (
    "Explaining {topic} to {other} showed me how many steps I skip without noticing. "
    "I wrote the checklist down afterwards, and it was twice as long as I thought.",
    "{other}'s question tested my assumption that everyone knows why we do {topic} this way. "
    "Half of my reasons turned out to be habits.",
    "I had never put into words why I distrust our {topic} numbers. Saying it out loud made it "
    "clearer, and less certain.",
    "My explanation of {topic} got vague exactly where our own process is vague. That is "
    "where to look next.",
    "After talking {topic} with {other}, I'll start my next piece of work from the failure "
    "cases, the way their team does.",
    "{other} approaches {topic} from the user's side; I start from the system. Both miss "
    "something, and I could see what mine misses.",
)
DECLINE_REASONS = (
    "Not the right time: I'm at capacity until the end of the quarter.",
    "I've only just started with {topic} myself; I don't think I'd be much help yet.",
    "Too close to my own team's work. I'd rather meet people further away.",
    "I already talk {topic} with two people and can't take on a third.",
)
CLOSE_REASONS = (
    "We both moved on from {topic}; nothing left to trade for now.",
    "Our check-ins had turned into status updates. Better to stop while it's still friendly.",
    "{other} changed teams and we drifted apart. No hard feelings.",
    "It did what it needed to: the {topic} work shipped.",
)

# Posts: short write-ups of a problem someone is working on, in markdown. A post is
# a title, an opening, what was tried and an ask, each drawn on its own; {topic}
# is a topic the author works on, {other} another of theirs (or the same one).
POST_TITLES = (
    "What we learned from a quarter of {topic}",
    "{topic}: where we're stuck",
    "Notes from our {topic} retro",
    "Is anyone else fighting with {topic}?",
    "Three things that made {topic} easier for us",
    "A question about {topic}",
    "{topic} without a dedicated team",
    "Our {topic} checklist, version two",
    "",  # no title: the post is named by its topics
    "",
)
POST_OPENINGS = (
    "We've spent the last six weeks on **{topic}**, and I'd like a second opinion before we "
    "commit to the next step.",
    "Quick write-up, mostly so I stop carrying it around in my head: {topic} has been the "
    "thing that slips every sprint.",
    "Our team inherited {topic} from a group that was reorganised last spring. Nobody left "
    "knows why half of it is the way it is.",
    "I keep hearing that {topic} is a solved problem. It doesn't feel solved from where I sit.",
    "Last month {topic} caused two late nights and one very long meeting. Here's what we "
    "found when we finally sat down with it.",
    "Small win to share, and a question. We finally got {topic} into a state where new "
    "people can pick it up in a day.",
    "Writing this on the train back from the offsite, where {topic} came up in every "
    "second conversation.",
    "Honest status: {topic} is about 70% done and the last 30% looks harder than the first.",
)
POST_DETAILS = (
    "What we tried so far:\n\n- a shared doc with owners per step\n- a weekly 20-minute "
    "review\n- pairing someone new with someone who's done it before",
    "The parts that worked:\n\n1. Writing down the failure cases first\n2. Keeping "
    "{other} in the same conversation instead of a separate track\n3. Saying no to "
    "scope we couldn't support",
    "> The hard part isn't the tooling, it's agreeing who decides.\n\nThat quote from our "
    "retro sums it up better than I can.",
    "We measured it for a month: most of the time goes on hand-offs, not on the work "
    "itself. Fixing {other} alongside it helped more than we expected.",
    "The surprise was how much of it touches {other}. We'd been treating them as two "
    "separate problems, and they aren't.",
    "We wrote a one-page guide (`docs/how-we-do-it.md` in our repo) and it already "
    "answers most of the questions we used to get in chat.",
    "Things I'd do differently:\n\n- start with the smallest team, not the loudest\n"
    "- time-box the research\n- write the *why* down before the *how*",
    "Our first attempt was far too ambitious. The second one copied what another team did "
    "with {other}, and it went much better.",
)
POST_ASKS = (
    "If you've been through this, I'd love 30 minutes of your time. Coffee's on me.",
    "How does your team handle it? Especially curious about teams outside my discipline.",
    "Happy to share our notes with anyone starting on the same thing.",
    "What would you look at first? Pointers to write-ups very welcome.",
    "If this is your day job, please tell me what we're missing.",
    "I'll post an update once we've tried the next step.",
)
