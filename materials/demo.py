"""Demo catalog from the campaign's public facts (PRODUCT.md), with honest generated covers.

The Spanish of every material and audience is in ``demo_es``, keyed by
slug. Stock levels are made up. Demo orders (``--orders N``, default 60) are
added by ``demo_orders``. ``--materials N`` adds N synthetic materials,
titled and tagged as synthetic, for benchmarks. Safe to run twice: rows are
matched by slug and item code, and covers and PDFs are drawn only once.
"""

import datetime

from django.utils import translation

from materials.demo_es import AUDIENCES_ES, MATERIALS_ES, synthetic_material_es
from materials.demo_orders import seed_orders
from materials.images import DEMO_FILE_PREFIX, demo_cover_file, demo_pdf_file
from materials.models import Audience, Edition, Kind, Language, Material

PUBLISHED = datetime.date(2026, 9, 1)
REVIEWED = datetime.date(2026, 11, 2)

# (slug, title, kind, audiences, summary, description, {language: (item code, stock)})
MATERIALS = [
    (
        "health-care-provider-tool-kit",
        "Tool kit for health care providers",
        Kind.TOOL_KIT,
        ["health-care"],
        "A fact sheet, screening questions and waiting-room posters for clinics, emergency rooms and health departments.",
        "A clinic visit may be the only time a victim of trafficking is seen without their trafficker.\n\nThis tool kit brings together a fact sheet on the signs of trafficking, screening questions to ask a patient alone, and posters with the hotline number for waiting rooms and exam rooms.",
        {Language.ENGLISH: ("RR-TK-HC-EN", 400), Language.SPANISH: ("RR-TK-HC-ES", 150)},
    ),
    (
        "social-service-tool-kit",
        "Tool kit for social service organizations",
        Kind.TOOL_KIT,
        ["social-service"],
        "Questions that open a conversation, a fact sheet and posters for shelters, food banks and case workers.",
        "Case workers, shelter staff and outreach workers are often the first to hear a victim's story.\n\nThe tool kit explains how HHS certification opens benefits and services to foreign victims, with questions that can open a conversation safely.",
        {Language.ENGLISH: ("RR-TK-SS-EN", 300), Language.SPANISH: ("RR-TK-SS-ES", 120)},
    ),
    (
        "law-enforcement-tool-kit",
        "Tool kit for law enforcement",
        Kind.TOOL_KIT,
        ["law-enforcement"],
        "Guidance for officers who meet victims during raids, traffic stops and labor investigations.",
        "Identifying a victim as a victim is the first step to their recovery and to a successful prosecution.\n\nThe tool kit covers the signs of trafficking, working with victim service providers and task forces, and the hotline.",
        {Language.ENGLISH: ("RR-TK-LE-EN", 250), Language.SPANISH: ("RR-TK-LE-ES", 80)},
    ),
    (
        "look-beneath-the-surface-brochure",
        "Look Beneath the Surface brochure",
        Kind.BROCHURE,
        ["general-public", "faith-community", "educators"],
        "The campaign's brochure: what human trafficking is, who its victims are, and the hotline number.",
        "Human trafficking is modern-day slavery. Victims are often hidden in plain sight.\n\nThis brochure explains the signs to look for and how to call the National Human Trafficking Hotline, 1-888-373-7888.",
        {
            Language.ENGLISH: ("RR-LBS-BRO-EN", 900),
            Language.SPANISH: ("RR-LBS-BRO-ES", 600),
            Language.CHINESE: ("RR-LBS-BRO-ZH", 60),
            Language.KOREAN: ("RR-LBS-BRO-KO", 40),
        },
    ),
    (
        "law-enforcement-pocket-card",
        "Pocket card for law enforcement",
        Kind.POCKET_CARD,
        ["law-enforcement"],
        "A card for an officer's pocket: the signs of trafficking and the hotline number.",
        "Sized to fit a uniform pocket. Lists the signs that a person may be a victim of trafficking and the questions that help an officer decide.",
        {Language.ENGLISH: ("RR-PC-LE-EN", 1500), Language.SPANISH: ("RR-PC-LE-ES", 700)},
    ),
    (
        "look-beneath-the-surface-poster",
        "Look Beneath the Surface poster",
        Kind.POSTER,
        ["general-public", "health-care", "social-service"],
        "An 11 by 17 inch poster with the campaign line and the hotline number.",
        "For waiting rooms, break rooms and community boards.\n\nThe poster carries the campaign line, Look beneath the surface, and the hotline number and text line.",
        {Language.ENGLISH: ("RR-LBS-POS-EN", 200), Language.SPANISH: ("RR-LBS-POS-ES", 0)},
    ),
    (
        "introduction-to-human-trafficking-presentation",
        "An Introduction to Human Trafficking (presentation)",
        Kind.PRESENTATION,
        ["educators", "faith-community", "social-service"],
        "Slides and speaker notes for a one-hour introduction to human trafficking.",
        "Give this one-hour talk at a community meeting, a class or a staff training. It explains what trafficking is, what the law says, the signs to look for and how to get help.",
        {Language.ENGLISH: ("RR-PRES-INTRO-EN", 0)},
    ),
    (
        "hotline-clue-card",
        "Hotline clue card",
        Kind.CLUE_CARD,
        ["general-public", "health-care", "law-enforcement"],
        "The signs that someone may be a victim of trafficking, on one small card with the hotline number.",
        "Signs include: controlled by someone else; cannot leave the job; bruises; fear of deportation; does not speak for themselves; no passport or ID.\n\nOne sign alone does not prove trafficking. Several together are a reason to call 1-888-373-7888.",
        {
            Language.ENGLISH: ("RR-CLUE-EN", 2000),
            Language.SPANISH: ("RR-CLUE-ES", 1200),
            Language.VIETNAMESE: ("RR-CLUE-VI", 30),
            Language.THAI: ("RR-CLUE-TH", 25),
            Language.RUSSIAN: ("RR-CLUE-RU", 20),
        },
    ),
]
# Also created by migration 0002; repeated here because a flushed test database loses migration data.
AUDIENCES = [
    ("health-care", "Health care providers", 10),
    ("social-service", "Social service providers", 20),
    ("law-enforcement", "Law enforcement", 30),
    ("faith-community", "Faith and community groups", 40),
    ("educators", "Educators", 50),
    ("general-public", "General public", 60),
]
# Each edition's own title, for its generated cover and PDF. Spanish editions are certain
# (PRODUCT.md) and carry the catalog's Spanish title, so the printed item and the page say the
# same thing (docs/glossary-es.md); the other languages are a guess, like those editions themselves.
EDITION_TITLES = {slug: {Language.SPANISH: title} for slug, (title, _summary, _description) in MATERIALS_ES.items()}
EDITION_TITLES["look-beneath-the-surface-brochure"] |= {
    Language.CHINESE: "透视表面 宣传册",
    Language.KOREAN: "표면 너머를 보세요 안내 책자",
}
EDITION_TITLES["hotline-clue-card"] |= {
    Language.VIETNAMESE: "Thẻ dấu hiệu của đường dây nóng",
    Language.THAI: "บัตรสัญญาณเตือนสายด่วน",
    Language.RUSSIAN: "Карточка с признаками торговли людьми",  # noqa: RUF001 (Cyrillic on purpose)
}
LANGUAGE_NAMES = {
    Language.ENGLISH: "English",
    Language.SPANISH: "Español",
    Language.CHINESE: "中文",
    Language.KOREAN: "한국어",
    Language.THAI: "ภาษาไทย",
    Language.VIETNAMESE: "Tiếng Việt",
    Language.RUSSIAN: "Русский",
}
HOTLINE_EN = "Call 1-888-373-7888 or text 233733"
HOTLINE = {Language.SPANISH: "Llame al 1-888-373-7888 o envíe un mensaje de texto al 233733"}


def edition_text(slug, title, language):
    """The words on an edition's cover, in its own language, with English to fall back on."""
    with translation.override("en"):
        language_en = str(Language(language).label)
    return {
        "title": EDITION_TITLES.get(slug, {}).get(language, title),
        "title_en": title,
        "language": LANGUAGE_NAMES.get(language, language_en),
        "language_en": language_en,
        "hotline": HOTLINE.get(language, HOTLINE_EN),
        "hotline_en": HOTLINE_EN,
    }


def _drawn_by_an_older_demo(edition):
    """A cover the demo drew before covers were titled in their own language (never a staff upload)."""
    name = edition.cover.name.rsplit("/", 1)[-1]
    return name.startswith(edition.item_code.lower()) and not name.startswith(DEMO_FILE_PREFIX)


# The presentation is download-only: nobody needs printed slides.
DOWNLOAD_ONLY = {"RR-PRES-INTRO-EN"}
# PRODUCT.md: English and Spanish editions are certain; these languages are a guess. Their editions
# are shown under a demo label and cannot be ordered (the database refuses a demo edition that can).
GUESSED_LANGUAGES = {Language.CHINESE, Language.KOREAN, Language.THAI, Language.VIETNAMESE, Language.RUSSIAN}


def _seed_material(
    slug, title, kind, audience_slugs, summary, description, editions, *, spanish, synthetic=False, art=True
):
    title_es, summary_es, description_es = spanish
    # Each language's column by name: "title" alone would be the active language's.
    material, _ = Material.objects.update_or_create(
        slug=slug,
        defaults={
            "title_en": title,
            "title_es": title_es,
            "kind": kind,
            "summary_en": summary,
            "summary_es": summary_es,
            "description_en": description,
            "description_es": description_es,
            "publication_date": PUBLISHED,
            "last_reviewed": REVIEWED,
            "is_published": True,
            "is_synthetic": synthetic,
        },
    )
    material.audiences.set(Audience.objects.filter(slug__in=audience_slugs))
    for language, (item_code, stock) in editions.items():
        guessed = language in GUESSED_LANGUAGES
        edition, _created = Edition.objects.get_or_create(
            item_code=item_code,
            defaults={
                "material": material,
                "language": language,
                "stock_on_hand": stock,
                "is_orderable": item_code not in DOWNLOAD_ONLY and not guessed,
                "is_demo": guessed,
            },
        )
        if guessed and (edition.is_orderable or not edition.is_demo):  # seeded before guesses were marked
            edition.is_orderable, edition.is_demo = False, True
            edition.save(update_fields=["is_orderable", "is_demo"])
        if art and (not edition.cover or _drawn_by_an_older_demo(edition)):
            text = edition_text(slug, title, language)
            name = f"{DEMO_FILE_PREFIX}{item_code.lower()}"
            for old in (edition.pdf, edition.cover, edition.cover_thumbnail):
                if old:
                    old.delete(save=False)
            edition.pdf.save(f"{name}.pdf", demo_pdf_file(text, kind), save=False)
            edition.cover.save(f"{name}.png", demo_cover_file(text, kind))
    return material


def seed(sizes, stdout):
    for slug, name, order in AUDIENCES:
        audience, _created = Audience.objects.get_or_create(
            slug=slug, defaults={"name_en": name, "name_es": AUDIENCES_ES[slug], "order": order}
        )
        if not audience.name_es:  # made by the migration, in English only; a name staff wrote is kept
            audience.name_es = AUDIENCES_ES[slug]
            audience.save(update_fields=["name_es"])
    for slug, title, kind, audiences, summary, description, editions in MATERIALS:
        _seed_material(slug, title, kind, audiences, summary, description, editions, spanish=MATERIALS_ES[slug])
    extra = sizes.get("materials") or 0
    kinds = list(Kind)
    for number in range(1, extra + 1):
        # No covers for synthetic rows: benchmarks measure pages, not Pillow.
        _seed_material(
            f"synthetic-material-{number:05d}",
            f"Synthetic material {number:05d} (test data)",
            kinds[number % len(kinds)],
            ["general-public"],
            "Synthetic benchmark content generated by seed_demo --materials; not a real campaign material.",
            "Synthetic benchmark content.",
            {Language.ENGLISH: (f"RR-SYN-{number:05d}-EN", 100), Language.SPANISH: (f"RR-SYN-{number:05d}-ES", 0)},
            spanish=synthetic_material_es(number),
            synthetic=True,
            art=False,
        )
    if extra:
        stdout.write(f"materials: {extra} synthetic materials present")
    seed_orders(sizes.get("orders"), stdout)
