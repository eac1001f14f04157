"""Demo pages, written from the campaign's public materials (see docs/demo-content.md); Spanish in demo_es.py."""

import datetime
from importlib import import_module

from campaign.demo_es import PAGES_ES
from campaign.models import Page, Section

PUBLISHED = datetime.date(2026, 9, 1)
REVIEWED = datetime.date(2026, 11, 2)
NEXT_REVIEW = datetime.date(2027, 5, 1)

PAGES = [
    {
        "slug": "recognizing-the-signs",
        "title": "Recognizing the signs of human trafficking",
        "section": Section.ABOUT_TRAFFICKING,
        "order": 10,
        "summary": "Human trafficking is modern-day slavery. Victims are often hidden in plain sight; these are the signs to look for.",
        "body": """Human trafficking is a form of modern-day slavery. Traffickers use force, fraud or coercion to make
people work or to sell them for sex. Victims can be men, women or children, U.S. citizens or people from other
countries.

Victims are rarely able to ask for help. Many do not speak English, do not know their rights, or fear the people
who control them more than they trust the police. That is why the campaign asks everyone to *look beneath the
surface*.

## Signs to look for

A person who may be a victim of trafficking:

- is controlled by someone else, who speaks for them or will not let them speak alone;
- cannot leave their job or where they live, or says they owe a debt they can never pay off;
- has bruises or other signs of physical abuse;
- is afraid of being deported, or of what will happen to their family;
- does not hold their own passport or identity documents;
- seems coached in what to say, or does not know where they are.

One sign alone does not prove trafficking. Several together are a reason to make a call.

## What to do

Call the National Human Trafficking Hotline at **1-888-373-7888** or text **233733**. The hotline answers 24 hours
a day, 7 days a week, and can connect a victim to shelter, legal help and health care. If someone is in immediate
danger, call 911.

Certified victims of trafficking can receive federal benefits and services to the same extent as refugees.
""",
    },
    {
        "slug": "about-the-campaign",
        "title": "About the Rescue & Restore campaign",
        "section": Section.ABOUT_CAMPAIGN,
        "order": 10,
        "summary": "Since 2004, Rescue & Restore has worked with local coalitions to help the people who meet victims recognize them.",
        "body": """The Trafficking Victims Protection Act of 2000 gives the U.S. Department of Health and Human Services
(HHS) a job: to help victims of human trafficking get the benefits and services they need to rebuild their lives.
The Rescue & Restore Victims of Human Trafficking campaign is part of that work. It helps the people most likely to
meet victims to see the signs and to connect victims to help.

## History

- **March 11, 2004**: HHS announced the hotline and a pilot in three cities: Philadelphia, Atlanta and Phoenix.
- **September 28, 2005**: the Los Angeles coalition began, with more than 90 groups.
- **November 16, 2005**: the Houston coalition began.
- **June 27, 2007**: Sacramento joined a network of 17 coalitions. On **July 17, 2007**, Nashville became the 19th.
- In time there were coalitions in 24 cities, regions and states.

## How the campaign works

Health care providers, social service groups, police, and faith and community groups may meet victims in their daily
work. HHS helps them learn the signs. It also supports local Rescue & Restore coalitions, which bring these groups
together. Many coalitions work with a law-enforcement task force on human trafficking. The Department of Justice has
paid for such task forces since 2004.
""",
    },
    {
        "slug": "health-care-providers",
        "title": "For health care providers",
        "section": Section.HEALTH_CARE,
        "order": 10,
        "summary": "A clinic visit may be the only time a trafficking victim is seen without their trafficker. Know what to look for, what to ask and who to call.",
        "body": """Health care providers may be among the few outsiders who meet a victim of human trafficking while
the victim is still under the trafficker's control. Injuries, untreated illness, pregnancy, infections or plain
exhaustion can bring a victim to an emergency room, a clinic, a dentist or a health department. You may have only
one visit. This page explains what you may notice, what you can ask, and what to do next.

## What you may see

No single sign proves trafficking. Several together are a reason to look beneath the surface. A patient who may be
a victim of trafficking:

- comes with a companion who answers every question, will not leave the room, or holds the patient's passport,
  identity documents or insurance card;
- seems afraid, anxious or watchful, avoids eye contact, or looks to the companion before answering;
- gives an account of an injury that does not match the injury, or a story that sounds rehearsed;
- has bruises, burns, cuts or other signs of physical abuse, or old injuries that were never treated;
- shows signs of long hours at work with little rest or food: exhaustion, dehydration, malnutrition;
- does not know the address where they live or work, or what city they are in;
- says they owe a debt to an employer that they can never pay off, or that they cannot leave their job;
- is afraid of being deported, or of what will happen to their family at home.

## What to ask

First, find a way to speak with the patient alone, for example during an exam or a test. Use a professional
interpreter, in person or by phone, never the companion or a family member. Then ask open, calm questions:

- Can you leave your job or the place where you live if you want to?
- Has anyone hurt you, or threatened to hurt you or your family, if you leave?
- Who holds your passport or identification?
- Do you owe money to the person you work for? How much, and for what?
- Do you get paid? Do you keep the money?
- Is anyone forcing you to do something you do not want to do?

## What to do

- Treat the medical problem first, and write down what you see and what the patient tells you.
- Follow your facility's policy and the law in your state, including any duty to report abuse of a child.
- Call the National Human Trafficking Hotline at **1-888-373-7888** or text **233733**, 24 hours a day. The
  hotline can help you decide whether this is trafficking and can connect the patient with shelter, legal help and
  services near you. It answers in more than 200 languages.
- If the patient or anyone else is in immediate danger, call 911.

## What not to do

- Do not confront the companion or say that you suspect trafficking in front of them.
- Do not ask the companion to interpret.
- Do not pressure the patient to tell you everything, and do not promise what you cannot deliver, such as
  immigration status.
- Do not contact immigration authorities on the patient's behalf. Victims of trafficking have rights; the hotline
  can explain them.

## Why it matters

Foreign adult victims whom HHS certifies can receive federal benefits and services to the same extent as
refugees; children receive letters of eligibility. Your call can be the first step. The campaign's tool kit for
health care providers and its posters for waiting rooms can be ordered free or downloaded below.
""",
    },
    {
        "slug": "social-service-providers",
        "title": "For social service providers",
        "section": Section.SOCIAL_SERVICE,
        "order": 10,
        "summary": "Case workers, shelter staff and outreach workers are often the first to hear a victim's story. Know the signs, the questions and the next steps.",
        "body": """Social service organizations often serve people at risk of human trafficking: shelters, food banks,
immigrant and refugee services, domestic violence programs, youth and runaway programs, and legal aid. A victim may
come to you for something else entirely, such as food, a bed for the night or help with a form. Because you build
trust over time, you may be the person a victim finally tells.

## What you may see

One sign alone does not prove trafficking. Several together are a reason to look beneath the surface. A person
who may be a victim:

- is controlled by someone else, who drops them off, waits for them, or speaks for them;
- cannot leave their job or the place where they live, or lives at the workplace;
- works very long hours for little or no pay, or pays most of it to an employer or recruiter;
- says they owe a debt that keeps growing, for travel, housing or "fees";
- has no passport or identity documents, or says someone else is "keeping them safe";
- is afraid of the police or of being deported, or says their family will be harmed;
- shows signs of physical abuse, or of not getting enough food or sleep;
- is a young person who has run away, has an older "boyfriend" who buys them things, or has been asked to trade sex
  for a place to stay.

## What to ask: questions that can open a conversation

Ask in private, in the person's own language, with a professional interpreter if needed. Explain what you can and
cannot keep confidential.

- Can you leave your job or home if you want to?
- Has anyone threatened you or your family if you try to leave?
- Do you have your passport or identification? Who holds it?
- Do you owe money to your employer? What happens if you cannot pay?
- Were you promised one kind of work and made to do another?
- Is anyone making you do something you do not want to do?

## What to do

- Listen, believe, and let the person decide how much to share. Safety comes first: theirs and yours.
- Write down what you observe and what you are told, in the person's own words.
- Call the National Human Trafficking Hotline at **1-888-373-7888** or text **233733**. The hotline works with
  service providers every day. It can help you assess the situation and find shelter, legal services and health
  care near you.
- If anyone is in immediate danger, call 911.
- Follow your program's policies and your state's rules for reporting the abuse of a child.

## What not to do

- Do not confront a suspected trafficker or contact them.
- Do not use a family member, companion or child as an interpreter.
- Do not promise outcomes you cannot guarantee, such as immigration relief or a job.
- Do not share the person's information with other agencies without their consent, unless the law requires it.

## Help that victims can receive

HHS can certify adult foreign victims of trafficking so that they are eligible for benefits and services to the
same extent as refugees, and can issue letters of eligibility to children. U.S. citizen victims are already
eligible for many services. The campaign's tool kit for social service organizations and its posters are listed
below; Rescue & Restore coalitions near you bring service providers, law enforcement and community groups together.
""",
    },
    {
        "slug": "law-enforcement",
        "title": "For law enforcement",
        "section": Section.LAW_ENFORCEMENT,
        "order": 10,
        "summary": "Officers may meet victims in raids, traffic stops and labor investigations. Identify them as victims, not offenders, and know who can help.",
        "body": """Law enforcement officers may meet victims of human trafficking during investigations of prostitution,
labor violations, immigration offenses, domestic disputes or traffic stops. Victims are often arrested or turned
away because they do not look or act like victims: they may lie about their age, defend their trafficker, or
refuse help. Identifying them as victims is the first step to their recovery and to a successful prosecution of
their traffickers.

## What you may see

Any one sign can have an innocent explanation. Several together call for a closer look. A person who may be a
victim of trafficking:

- is not in control of their own identity documents, money or phone;
- is accompanied by someone who answers for them, or gives answers that sound scripted;
- cannot leave their job or the place where they live, or lives where they work;
- says they owe a large debt to an employer, recruiter or smuggler;
- shows signs of physical abuse, branding or tattoos that mark ownership, or of not getting enough food or sleep;
- is afraid of the police, of being deported, or of what will happen to their family;
- is a minor involved in commercial sex. Any person under 18 who is induced to perform a commercial sex act is
  a victim of trafficking under federal law, whether or not force, fraud or coercion is shown.

## What to ask

Separate the person from anyone who may control them, and use a professional interpreter, never a companion.

- Where do you live and work? Can you come and go as you please?
- Has anyone threatened you or your family?
- Who has your passport or identification?
- Do you owe money? To whom, and what happens if you do not pay?
- Were you promised one kind of job and forced to do another?

## What to do

- Treat the person as a possible victim until you know otherwise. Make sure they are safe and have their basic needs
  met: medical care, food, a place to stay.
- Call the National Human Trafficking Hotline at **1-888-373-7888** or text **233733**. It can connect you with
  victim service providers and with federal partners, 24 hours a day, in more than 200 languages.
- Work with your local human trafficking task force. The Department of Justice has funded task forces that bring
  law enforcement and victim service providers together since 2004; many Rescue & Restore coalitions work with them.
- Tell foreign national victims about the protections that exist for them. Federal law enforcement can request
  Continued Presence, a temporary immigration status, for victims, and the hotline can refer them to legal help.

## What not to do

- Do not treat a victim as an offender because of what the trafficker made them do.
- Do not interview a victim in front of the suspected trafficker or use them as an interpreter.
- Do not promise outcomes, such as a visa, that are not yours to grant.
- Do not return a victim to the place where they were found without a safety plan.

## Materials for officers

The campaign's pocket card fits a uniform pocket and lists the signs of trafficking and the hotline number. The
tool kit for law enforcement covers the signs, working with victim service providers and task forces, and the help
victims can receive. Order them free or download them below.
""",
    },
    {
        "slug": "everyone",
        "title": "For everyone",
        "section": Section.EVERYONE,
        "order": 10,
        "summary": "Neighbors, co-workers, faith communities, teachers and volunteers can notice what others miss. Know the signs and make the call.",
        "body": """Human trafficking happens in cities, suburbs and rural towns. Traffickers force, trick or pressure people
into working or into selling sex, in restaurants, farms, factories, private homes, nail salons, hotels and online.
Victims can be men, women or children, U.S. citizens or people from other countries. You do not need to be an
expert to help. You only need to notice, and to know who to call.

## What you may notice

One sign alone does not prove trafficking. Several together are a reason to look beneath the surface. A person
who may be a victim:

- is controlled by someone else, who speaks for them or does not let them speak alone;
- cannot leave their job or the place where they live, or is never seen without a "boss";
- lives at their workplace, or with many other workers in a crowded house;
- works very long hours, seems tired, hungry or unwell, and is rarely paid;
- has bruises or other signs of physical abuse;
- is afraid of the police or of being deported, or talks about a debt they can never repay;
- does not hold their own passport or identity documents;
- is a young person with an older "boyfriend" or "manager", expensive gifts they cannot explain, or more than one
  phone.

## What you can ask

If you know the person and you can talk safely, in private, you can ask gently:

- Are you able to leave your job if you want to?
- Is anyone making you do something you do not want to do?
- Are you or your family being threatened?

Let the person answer in their own time. You do not need proof, and you do not need to ask anything at all before
you call.

## What to do

- Call the National Human Trafficking Hotline at **1-888-373-7888** or text **233733**. It answers 24 hours a
  day, 7 days a week, in more than 200 languages. Tell them what you saw. They will listen and decide with you what
  to do next. You can call without giving your name.
- If someone is in immediate danger, call 911.
- If you think someone is watching what you do online, read our advice on staying safe before you search or call.

## What not to do

- Do not confront a person you suspect is a trafficker.
- Do not try to rescue someone yourself. It can put them, and you, in danger.
- Do not post about a suspected victim on social media.

## How your community can help

Faith and community groups, schools and clubs can host a training with the campaign's presentation "An
Introduction to Human Trafficking", put up the Look Beneath the Surface poster, hand out hotline clue cards, or join
a local Rescue & Restore coalition. Coalitions bring together local government, civic groups, churches and
faith-based groups, ethnic and immigrant groups, women's, labor and immigration organizations, community health
providers and social service organizations. Free materials and coalitions near you are listed below.
""",
    },
    {
        "slug": "resources",
        "title": "Resources for every audience",
        "section": Section.ABOUT_CAMPAIGN,
        "order": 20,
        "summary": "Guidance, free materials and local coalitions for health care providers, social service providers, law enforcement and everyone else.",
        "body": """Rescue & Restore helps the people most likely to meet victims of human trafficking to recognize them and
connect them to help. Choose the page written for you: each explains the signs you may see, the questions you can
ask, and what to do and not to do. Every material can be downloaded, and most can be ordered in print, free.

Wherever you work, the first step is the same: call the National Human Trafficking Hotline at **1-888-373-7888**
or text **233733**, 24 hours a day, 7 days a week. If someone is in immediate danger, call 911.

Local Rescue & Restore coalitions bring all of these groups together. [Find a coalition near you](/coalitions/), or
[order free materials](/materials/) for your workplace.
""",
    },
    {
        "slug": "get-involved",
        "title": "Get involved",
        "section": Section.GET_INVOLVED,
        "order": 10,
        "summary": "Five ways to help: learn the signs, share the hotline, order free materials, join a coalition, and get email updates.",
        "body": """You do not need to be an expert to help a victim of human trafficking. Most victims never ask for help.
They are found because someone nearby noticed the signs and made a call. Here are five things you can do, alone or
with your workplace, faith group or community.

## 1. Learn the signs

A person may be a victim if someone else controls them, if they cannot leave their job, or if they do not hold their
own passport or ID. [Read the signs to look for](/pages/recognizing-the-signs/), and the guidance for
[health care providers](/pages/health-care-providers/), [social service providers](/pages/social-service-providers/)
and [law enforcement](/pages/law-enforcement/).

## 2. Share the hotline number

The National Human Trafficking Hotline is **1-888-373-7888**. You can also text **233733**. It answers day and night,
in more than 200 languages. Save the number in your phone. Put it where people who may need it will see it.

## 3. Order free materials

The campaign has posters, brochures, pocket cards and clue cards in English and Spanish. It also has tool kits for
health care, social services and law enforcement, and a one-hour presentation for a class or a staff meeting.
[Order them free or print them at home](/materials/). You do not need an account.

## 4. Join or start a coalition

Rescue & Restore coalitions began in 2004 and 2005. In time there were coalitions in 24 cities, regions and states.
They bring together local government, civic groups, churches and other faith groups, ethnic and immigrant groups,
women's, labor and immigration groups, community health providers and social service groups. Many work with a
law-enforcement task force on human trafficking.

- [Find a coalition near you](/coalitions/) and ask how you can help.
- Does your coalition have at least 10 members from several sectors? Does it work on both sex trafficking and labor
  trafficking? Then you can [ask for it to join the campaign](/coalitions/request/). HHS decides on every request.
- Does your community have no coalition yet? Use [the same form](/coalitions/request/) to tell us. We will send you
  guidance and the campaign's tool kits.

## 5. Get email updates

The HHS Division of Anti-Trafficking in Persons sends emails from time to time. They share news on human trafficking,
and training and funding opportunities. [Sign up for email updates](/listserv/). You can stop them with one click.
""",
    },
    {
        "slug": "about-this-site",
        "title": "About this site",
        "section": Section.SITE,
        "order": 10,
        "summary": "Who runs Rescue & Restore and how the site is kept current.",
        "body": """This site is run by the Division of Anti-Trafficking in Persons in the U.S. Department of Health and Human
Services. Staff review every page at least once a year; each page shows when it was published and last reviewed.

This is a demonstration site. Coalition listings, stock levels and order data are made up.
""",
    },
    {
        "slug": "accessibility",
        "title": "Accessibility statement",
        "section": Section.SITE,
        "order": 20,
        "summary": "We want everyone to be able to use this site, including people with disabilities.",
        "body": """We aim to meet Section 508 and the Web Content Accessibility Guidelines (WCAG) 2.1 at level AA. Every
public page is checked with an automated accessibility audit before it is released.

If something on this site does not work for you, please tell us through the [contact form](/contact/) and say
which page and what you were trying to do. We will answer within five working days.
""",
    },
    {
        "slug": "privacy",
        "title": "Privacy policy",
        "section": Section.SITE,
        "order": 30,
        "summary": "What we collect when you order materials, contact us or subscribe, and what we do with it.",
        "body": """We collect only what we need to do what you ask: a shipping address to send materials, an email address to
answer you or send the updates you asked for. We do not sell or share it, and we do not use tracking cookies or
third-party analytics. No page on this site loads anything from another website. When you choose materials to
order, a cookie keeps your list for up to eight hours, until you place the order; it holds no personal details.

Order and contact records are kept for three years, then deleted. You can unsubscribe from email updates with one
click from any message.
""",
    },
]


TRANSLATED_FIELDS = ("title", "summary", "body")


def _in_languages(english, spanish):
    """Model fields for both versions of a page: ``title_en``, ``title_es``… (not ``title``, which means the active language)."""
    fields = {f"{name}_en": english[name] for name in TRANSLATED_FIELDS}
    fields.update({f"{name}_es": spanish[name] for name in TRANSLATED_FIELDS})
    return fields


def _required_pages():
    """The required pages' English as the migration creates them (migration modules' names are not identifiers)."""
    return {page["slug"]: page for page in import_module("campaign.migrations.0003_required_pages").PAGES}


# Their Spanish, as the migration that adds it has it.
REQUIRED_PAGES_ES = import_module("campaign.migrations.0008_required_pages_es").PAGES_ES
# The plain-language summary a later migration puts above the No FEAR Act's legal text.
with_summary = import_module("campaign.migrations.0009_plain_language_summaries").with_summary
# The privacy policy's cookie statement, which a later migration corrected ("Add to my order" sets sessionid).
_COOKIE_STATEMENT = import_module("campaign.migrations.0009_privacy_policy_session_cookie")


# The same list's csrftoken line, which a later migration changed (the cookie dies with the browser).
_CSRF_COOKIE_STATEMENT = import_module("campaign.migrations.0012_privacy_policy_csrf_cookie")


def as_shipped(slug, language, body):
    """A required page's text as the later data migrations leave an untouched page (the summary, the cookie list)."""
    body = with_summary(slug, language, body)
    for statement in (_COOKIE_STATEMENT, _CSRF_COOKIE_STATEMENT):
        old, new = {"en": (statement.OLD_EN, statement.NEW_EN), "es": (statement.OLD_ES, statement.NEW_ES)}[language]
        body = body.replace(old, new)
    return body


def _shipped_versions(slug, english, spanish):
    """``(English, Spanish)`` pairs a required page may hold untouched: as first shipped, and as later migrations left it."""
    if english is None:
        return []
    shipped = (
        {**english, "body": as_shipped(slug, "en", english["body"])},
        {**spanish, "body": as_shipped(slug, "es", spanish["body"])},
    )
    return [(english, spanish), shipped]


def _add_spanish_to_required_page(page, english_versions):
    """Give a required page the Spanish of its English text, if it has no Spanish yet.

    Staff own these pages: the Spanish is added only while the English is still the
    text it translates, so an English page staff have rewritten never gets a Spanish
    version of what it used to say, and Spanish that staff wrote is never replaced.
    """
    if page.body_es:
        return
    for english, spanish in english_versions:
        if english and spanish and page.body_en == english["body"]:
            for name in TRANSLATED_FIELDS:
                setattr(page, f"{name}_es", spanish[name])
            page.save()
            return


def seed(sizes, stdout):
    """Create or refresh the demo pages in English and Spanish; idempotent.

    Demo pages are rewritten on every run. Required pages (section "site") are
    created only when missing, then get their Spanish once (see above).
    """
    required = _required_pages()
    for data in PAGES:
        english = {name: data[name] for name in TRANSLATED_FIELDS}
        defaults = {
            "section": data["section"],
            "order": data["order"],
            **_in_languages(english, PAGES_ES[data["slug"]]),
            "publication_date": PUBLISHED,
            "last_reviewed": REVIEWED,
            "next_review_due": NEXT_REVIEW,
            "is_published": True,
        }
        if data["section"] == Section.SITE:  # required pages: a migration creates them and staff own them
            page, created = Page.objects.get_or_create(slug=data["slug"], defaults=defaults)
            if not created:
                _add_spanish_to_required_page(
                    page,
                    [
                        (data, PAGES_ES[data["slug"]]),
                        *_shipped_versions(data["slug"], required.get(data["slug"]), REQUIRED_PAGES_ES[data["slug"]]),
                    ],
                )
            continue
        Page.objects.update_or_create(slug=data["slug"], defaults=defaults)
    demo_slugs = {data["slug"] for data in PAGES}
    for slug, english in required.items():  # the required pages the demo has no version of (FOIA, No FEAR Act)
        if slug in demo_slugs:
            continue
        page = Page.objects.filter(slug=slug).first()
        if page is not None:
            _add_spanish_to_required_page(page, _shipped_versions(slug, english, REQUIRED_PAGES_ES[slug]))
