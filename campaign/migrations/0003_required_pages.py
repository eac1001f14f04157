"""The pages a federal site must have in production, not only in demo content.

Creates the privacy policy, accessibility statement, About page, FOIA page and
No FEAR Act page the footer and identifier link to, published, with their next
review due on the day they are created: they appear under "Pages due for
review" on the staff dashboard until a person has read and approved them.
Staff edit them in the admin afterwards; this migration never changes a page
that already exists (same slug), so running it on a site that has them, or
after seed_demo, keeps what is there.

The text is frozen here on purpose (a migration must not change when the app's
code does), and the HTML is rendered with the project's Markdown renderer,
which the historical model's save() would not do.
"""

from django.db import migrations
from django.utils import timezone

from rescue_restore.text.markdown import render_markdown

SITE = "site"

PAGES = [
    {
        "slug": "about-this-site",
        "title": "About this site",
        "order": 10,
        "summary": "Who runs Rescue & Restore, what the site is for and how it is kept up to date.",
        "body": """Rescue & Restore is a public awareness campaign of the Division of Anti-Trafficking in Persons in the
U.S. Department of Health and Human Services (HHS). It helps people who may meet victims of human trafficking, such as
health care providers, social service staff, law enforcement and community groups, to recognize the signs and connect
victims to help.

If you or someone you know may be a victim of human trafficking, call the National Human Trafficking Hotline at
1-888-373-7888 or text 233733. The hotline answers every day, at any hour, in more than 200 languages.

## What you can do here

- Read guidance written for your work or community.
- Order free printed campaign materials, or print them at home.
- Find an anti-trafficking coalition near you, or ask for yours to be affiliated with the campaign.
- Sign up for email updates about training and funding opportunities.

## How we keep the site current

Staff review every page at least once a year. Each page shows when it was published and when it was last reviewed.
If something is wrong or out of date, please tell us through the [contact form](/contact/).
""",
    },
    {
        "slug": "accessibility",
        "title": "Accessibility statement",
        "order": 20,
        "summary": "Our commitment to making this site usable by everyone, including people with disabilities.",
        "body": """HHS is committed to making this website accessible to everyone, including people with disabilities,
as Section 508 of the Rehabilitation Act requires.

## Our standard

We build and test this site to meet the Revised Section 508 Standards, which include the Web Content Accessibility
Guidelines (WCAG) 2.0 at level AA. We also aim to meet WCAG 2.1 at level AA. Every public page is checked with an
automated accessibility test before it is released, and we test key tasks, such as ordering materials, with a
keyboard and a screen reader.

## What you can expect

- Every page works with a keyboard alone.
- Images that carry information have text descriptions.
- Forms say what each field is for and explain any mistake in words.
- Text can be enlarged to twice its size without losing content.
- Nothing on this site flashes or moves without your control.

## Known limitations

Some older printed materials are offered as PDF files that may not be fully accessible. If you need a material in
another format, such as large print, plain text or an accessible electronic file, please ask us and we will provide it.

## Tell us about a problem

If any part of this site does not work for you, please tell us through the [contact form](/contact/). Say which page
you were on, what you were trying to do and what assistive technology you use, if any. We will answer within five
working days.

You can also read about accessibility across HHS, and how to file a complaint under Section 508, on the
[HHS Section 508 page](https://www.hhs.gov/web/section-508/index.html).
""",
    },
    {
        "slug": "privacy",
        "title": "Privacy policy",
        "order": 30,
        "summary": "What we collect when you order materials, contact us or subscribe, why, who sees it and how long we keep it.",
        "body": """We collect only the personal information we need to do what you ask of us. We do not sell it, we do
not use it for advertising, and we do not share it outside HHS except as the law requires.

## What we collect and why

- **When you order materials:** your name, organization, email address, phone number and shipping address, and what
  you plan to use the materials for. We use them to ship your order, to contact you about it and to send you its
  status. We count orders by state, month and type of organization to plan printing; those counts name no one.
- **When you contact us:** your name, email address, organization and message, so we can answer you.
- **When you ask for a coalition to be affiliated:** the contact person's name, role, email address and phone
  number, and what you tell us about the coalition, so we can review the request and answer you. Details you agree
  to publish appear in the public coalition directory.
- **When you sign up for email updates:** your email address, your name if you give it, and the topics you choose.
  We send a confirmation email first; nothing else is sent until you confirm.

Giving us this information is voluntary, but without it we cannot ship an order, answer a message or send updates.

## Who sees it

Only HHS staff and contractors who need it for the task you asked for: fulfillment staff see orders, coalition staff
see affiliation requests, and the staff who send email updates see the subscriber list. Our email service delivers
the emails we send you and tells us when an email cannot be delivered. Staff accounts are protected with
multi-factor sign-in.

## How long we keep it

- Names, addresses, email addresses and phone numbers on orders are erased 18 months after the order was shipped,
  cancelled or declined.
- The same details on coalition requests and contact messages are erased 18 months after the request was closed or
  the message was received.
- If you do not confirm a sign-up for email updates, your address is erased when the confirmation link expires,
  after seven days.
- If you unsubscribe, or our emails to you keep failing, your address is erased 12 months later. If you reported our
  email as spam, we keep your address for those 12 months only so that we do not email you again.
- Copies of the emails we send are erased 30 days after they were delivered or could not be delivered.

We keep anonymous counts (how many orders, how many subscribers) after the personal details are erased.

## Cookies

This site does not use tracking cookies, advertising cookies or analytics from other companies, and no page loads
anything from another website. We use only the cookies the site needs to work:

- **csrftoken** protects our forms from being submitted by other websites. It holds no personal information and
  lasts up to a year.
- **messages** carries a one-time confirmation (such as "Thank you, your report has been sent") to the next page you
  open, then is deleted.
- **sessionid** is set only when you send a coalition request, to show you its reference number, or when staff sign
  in. It holds a random identifier and lasts at most a day.

## Links in our emails

The links in our emails (to confirm a sign-up, change your preferences or see an order's status) contain a private
code. Do not forward those emails. Pages opened through such a link are never stored by your browser's cache or by
search engines.

## Your rights

You may ask to see or correct the information we hold about you, or ask us to delete it sooner, through the
[contact form](/contact/). You can unsubscribe from email updates with one click from any of them. To request records
under the Freedom of Information Act or the Privacy Act, see our [FOIA page](/pages/foia/).

## Security

We protect the information you give us with encryption in transit, restricted staff access and regular security
review. If you find a security weakness, please follow our
[vulnerability disclosure policy](/vulnerability-disclosure/).

## Children

This site is meant for adults. We do not knowingly collect information from children under 13.

## Changes to this policy

If we change this policy, we will post the new version here with a new review date.
""",
    },
    {
        "slug": "foia",
        "title": "Freedom of Information Act (FOIA)",
        "order": 40,
        "summary": "How to ask HHS for records under the Freedom of Information Act.",
        "body": """The Freedom of Information Act (FOIA) gives you the right to ask for records from federal agencies,
including HHS. Some records are protected from release, for example to protect personal privacy, but HHS releases as
much as the law allows.

## Before you ask

Much of what people ask for is already public. Campaign materials, guidance and coalition listings are on this site,
and HHS publishes frequently requested records in its FOIA library.

## How to make a request

Requests for records about the Rescue & Restore campaign and the Division of Anti-Trafficking in Persons go to HHS.
Visit the [HHS FOIA page](https://www.hhs.gov/foia/index.html) to submit a request online, see which office handles
which records, and check the status of a request you have already made.

In your request, describe the records you want as clearly as you can: what they are about, the dates they cover and
where you think they are kept. You do not have to say why you want them.

## Records about yourself

To see records HHS holds about you, you may also make a request under the Privacy Act of 1974. The HHS FOIA page
explains how.
""",
    },
    {
        "slug": "no-fear-act",
        "title": "No FEAR Act data",
        "order": 50,
        "summary": "Federal employees' rights under the No FEAR Act, and where HHS publishes its data.",
        "body": """The Notification and Federal Employee Antidiscrimination and Retaliation Act of 2002, known as the
No FEAR Act, makes federal agencies more accountable for discrimination and retaliation against their employees.

Under the Act, federal employees, former employees and applicants for federal jobs are protected from discrimination
on the basis of race, color, religion, sex (including pregnancy, sexual orientation and gender identity), national
origin, age, disability or genetic information, and from retaliation for reporting wrongdoing (whistleblowing) or for
taking part in a complaint.

Each agency must tell its employees about these rights and publish data about the complaints filed against it.
HHS publishes its [No FEAR Act notice and complaint data](https://www.hhs.gov/about/agencies/asa/eeo/no-fear-act/index.html).

If you are an HHS employee or applicant and believe you have been discriminated against, contact an HHS Equal
Employment Opportunity counselor within 45 days of what happened.
""",
    },
]


def create_missing_pages(apps, schema_editor):
    Page = apps.get_model("campaign", "Page")
    today = timezone.localdate()
    existing = set(Page.objects.filter(slug__in=[page["slug"] for page in PAGES]).values_list("slug", flat=True))
    for page in PAGES:
        if page["slug"] in existing:
            continue
        Page.objects.create(
            **page,
            section=SITE,
            body_html=render_markdown(page["body"]),
            publication_date=today,
            last_reviewed=today,
            next_review_due=today,  # on the staff dashboard's review list until a person approves it
            is_published=True,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("campaign", "0002_audit_trail"),
    ]

    operations = [
        migrations.RunPython(create_missing_pages, migrations.RunPython.noop),
    ]
