"""Demo pages, written from the campaign's public materials (see docs/demo-content.md)."""

import datetime

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
        "body": """The U.S. Department of Health and Human Services (HHS) is designated by the Trafficking Victims Protection
Act to help victims of human trafficking become eligible for benefits and services. The Rescue & Restore Victims
of Human Trafficking campaign helps the people who are most likely to encounter victims to identify them and
connect them to help.

## History

- **March 11, 2004**: HHS announced the hotline and a three-city pilot in Philadelphia, Atlanta and Phoenix.
- **September 28, 2005**: the Los Angeles coalition launched with more than 90 organizations.
- **November 16, 2005**: the Houston coalition launched.
- **June 27, 2007**: Sacramento joined a network of 17 coalitions; on **July 17, 2007** Nashville became the 19th.
- Coalitions eventually worked in 24 cities, regions and states.

## How the campaign works

HHS raises awareness among intermediaries—health care providers, social service organizations, law enforcement,
faith-based and community groups—and supports local Rescue & Restore coalitions that bring these groups together.
Many coalitions coordinate with law-enforcement human trafficking task forces, which the Department of Justice has
funded since 2004.
""",
    },
    {
        "slug": "health-care-providers",
        "title": "For health care providers",
        "section": Section.HEALTH_CARE,
        "order": 10,
        "summary": "A clinic visit may be the only time a trafficking victim is seen without their trafficker. Know what to ask.",
        "body": """Health care providers may be among the few outsiders a victim of trafficking meets. Injuries, untreated
illness, reproductive health needs or exhaustion may bring a victim to an emergency room, a clinic or a health
department.

## During a visit

- Try to speak with the patient alone, with a professional interpreter rather than a companion.
- Notice whether a companion answers every question or holds the patient's documents.
- Ask open, non-judgmental questions about work, living conditions and whether the patient can come and go.

## After a visit

If you suspect trafficking, call the hotline at 1-888-373-7888 for guidance on next steps. The campaign's
[health care tool kit](/materials/) includes a fact sheet, a screening assessment and posters for waiting rooms.
""",
    },
    {
        "slug": "social-service-providers",
        "title": "For social service providers",
        "section": Section.SOCIAL_SERVICE,
        "order": 10,
        "summary": "Case workers, shelter staff and outreach workers are often the first to hear a victim's story.",
        "body": """Social service organizations—shelters, food banks, immigrant and refugee services, domestic violence
programs, youth and runaway programs—often serve people at risk of trafficking.

## Questions that can open a conversation

- Can you leave your job or home if you want to?
- Has anyone threatened you or your family if you try to leave?
- Do you have your passport or identification? Who holds it?
- Do you owe money to your employer?

If the answers raise concern, call the hotline at 1-888-373-7888. HHS can certify adult foreign victims so
they are eligible for benefits and services, and issue letters of eligibility to children.
""",
    },
    {
        "slug": "law-enforcement",
        "title": "For law enforcement",
        "section": Section.LAW_ENFORCEMENT,
        "order": 10,
        "summary": "Victims identified in raids or traffic stops need to be treated as victims, not offenders.",
        "body": """Law enforcement officers may meet victims during investigations of prostitution, labor violations,
immigration offenses or domestic disputes. Identifying them as victims is the first step to both their
recovery and a successful prosecution of their traffickers.

The campaign's pocket card for officers lists the signs of trafficking and the hotline number. Local human
trafficking task forces, funded by the Department of Justice's [Office for Victims of Crime](https://ovc.ojp.gov/),
bring together law enforcement and victim service providers.
""",
    },
    {
        "slug": "everyone",
        "title": "For everyone",
        "section": Section.EVERYONE,
        "order": 10,
        "summary": "Neighbors, co-workers and faith communities can notice what others miss.",
        "body": """Trafficking happens in restaurants, farms, factories, homes, nail salons and hotels. You do not need to be
sure to make a call: the hotline will listen and decide with you what to do.

Faith and community groups can host a training, put up posters, or join a local coalition. Many community
organizations publish guides; the [Polaris Project](https://polarisproject.org/) runs the hotline under a federal
grant.
""",
    },
    {
        "slug": "get-involved",
        "title": "Get involved",
        "section": Section.GET_INVOLVED,
        "order": 10,
        "summary": "Order free materials, join or start a coalition, and sign up for updates from the Division.",
        "body": """- **Order free materials**: posters, brochures and pocket cards in several languages, shipped free.
- **Join a coalition**: Rescue & Restore coalitions bring together local government, civic groups, faith-based
  groups, ethnic and immigrant groups, women's, labor and immigration organizations, community health providers and
  social service organizations.
- **Ask for your coalition to be affiliated**: coalitions of at least 10 members from several sectors that address
  both sex and labor trafficking can request affiliation. HHS decides.
- **Get email updates** on training and funding opportunities from the Division of Anti-Trafficking in Persons.
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
third-party analytics. No page on this site loads anything from another website.

Order and contact records are kept for three years, then deleted. You can unsubscribe from email updates with one
click from any message.
""",
    },
]


def seed(sizes, stdout):
    for data in PAGES:
        defaults = {
            **data,
            "publication_date": PUBLISHED,
            "last_reviewed": REVIEWED,
            "next_review_due": NEXT_REVIEW,
            "is_published": True,
        }
        slug = defaults.pop("slug")
        if data["section"] == Section.SITE:  # required pages: a migration creates them and staff own them
            Page.objects.get_or_create(slug=slug, defaults=defaults)
            continue
        Page.objects.update_or_create(slug=slug, defaults=defaults)
