"""The first search synonyms, from what visitors typed that found nothing (issue 22); staff edit them in the admin.

Each row: what people type, the site's words for it, and for which readers
("" every language). Accents and case do not matter when matching.
"""

from django.db import migrations

SYNONYMS = [
    # English site
    ("nurse", "health care", "en"),
    ("nurses", "health care", "en"),
    ("doctor", "health care", "en"),
    ("doctors", "health care", "en"),
    ("physician", "health care", "en"),
    ("hospital", "health care", "en"),
    ("clinic", "health care", "en"),
    ("cops", "law enforcement", "en"),
    ("cop", "law enforcement", "en"),
    ("police", "law enforcement", "en"),
    ("officers", "law enforcement", "en"),
    ("social worker", "social service", "en"),
    ("pamphlet", "brochure", "en"),
    ("pamphlets", "brochure", "en"),
    ("leaflet", "brochure", "en"),
    ("flyer", "brochure", "en"),
    ("wallet card", "pocket card", "en"),
    ("newsletter", "email updates", "en"),
    ("newsletter", "listserv", "en"),
    ("mailing list", "email updates", "en"),
    ("posters", "poster", "en"),
    ("free materials", "materials catalog", "en"),
    ("free stuff", "materials catalog", "en"),
    ("order materials", "materials catalog", "en"),
    ("help line", "hotline", "en"),
    ("helpline", "hotline", "en"),
    ("phone number", "hotline", "en"),
    ("sex trafficking", "trafficking", "en"),
    ("forced labor", "labor trafficking", "en"),
    ("forced labor", "human trafficking", "en"),
    ("labor exploitation", "human trafficking", "en"),
    # Spanish site
    ("tráfico", "trata", "es"),
    ("tráfico de personas", "trata de personas", "es"),
    ("traficante", "tratante", "es"),
    ("enfermera", "salud", "es"),
    ("enfermera", "atención médica", "es"),
    ("enfermero", "atención médica", "es"),
    ("médico", "atención médica", "es"),
    ("doctor", "atención médica", "es"),
    ("hospital", "atención médica", "es"),
    ("clínica", "atención médica", "es"),
    ("policía", "fuerzas del orden", "es"),
    ("policías", "fuerzas del orden", "es"),
    ("trabajador social", "servicios sociales", "es"),
    ("panfleto", "folleto", "es"),
    ("volante", "folleto", "es"),
    ("póster", "cartel", "es"),
    ("afiche", "cartel", "es"),
    ("tarjeta de cartera", "tarjeta de bolsillo", "es"),
    ("boletín", "boletines", "es"),
    ("boletín", "actualizaciones por correo electrónico", "es"),
    ("explotación laboral", "trabajo forzoso", "es"),
    ("explotación laboral", "trata laboral", "es"),
    ("explotación laboral", "trata de personas", "es"),
    ("materiales gratis", "catálogo de materiales", "es"),
    ("materiales gratuitos", "catálogo de materiales", "es"),
    ("línea de ayuda", "línea directa", "es"),
    ("teléfono", "línea directa", "es"),
]


def seed(apps, schema_editor):
    SearchSynonym = apps.get_model("campaign", "SearchSynonym")
    for term, means, language in SYNONYMS:
        SearchSynonym.objects.get_or_create(term=term, means=means, language=language)


def unseed(apps, schema_editor):
    SearchSynonym = apps.get_model("campaign", "SearchSynonym")
    for term, means, language in SYNONYMS:
        SearchSynonym.objects.filter(term=term, means=means, language=language).delete()


class Migration(migrations.Migration):
    dependencies = [("campaign", "0009_search_synonyms")]

    operations = [migrations.RunPython(seed, unseed)]
