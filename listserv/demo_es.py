"""The Spanish side of the listserv demo content (``listserv.demo``), by slug. Terms: docs/glossary-es.md.

Kept apart from the English so each reads as a whole, and so a reviewer of the
Spanish has one file to read.
"""

TOPICS = {
    "updates-on-human-trafficking": {
        "name_es": "Novedades sobre la trata de personas",
        "description_es": "Noticias, informes y días de concientización.",
    },
    "training-opportunities": {
        "name_es": "Oportunidades de capacitación",
        "description_es": "Seminarios web y capacitaciones para quienes podrían encontrarse con víctimas.",
    },
    "funding-opportunities": {
        "name_es": "Oportunidades de financiamiento",
        "description_es": "Subvenciones y acuerdos de cooperación de la División.",
    },
}

DEMO_NOTE = "*Contenido de demostración: este boletín se inventó para este sitio de demostración. Nunca se envió.*"

BULLETINS = {
    "january-is-national-human-trafficking-prevention-month": {
        "subject_es": "Demostración: Enero es el Mes Nacional de Prevención de la Trata de Personas",
        "body_es": f"""{DEMO_NOTE}

Cada mes de enero, el país conmemora el **Mes Nacional de Prevención de la Trata de Personas**.

- Haga un pedido de carteles y tarjetas de bolsillo gratuitos en el [catálogo de materiales](/es/materials/).
- Comparta el número de la Línea Directa Nacional contra la Trata de Personas, **1-888-373-7888**, \
o el número para enviar un mensaje de texto, **233733**.

Gracias por ayudar a otras personas a mirar más allá de lo evidente.
""",
    },
    "spring-webinars-for-health-care-providers": {
        "subject_es": "Demostración: Seminarios web de primavera para proveedores de atención médica",
        "body_es": f"""{DEMO_NOTE} *Los seminarios web que menciona no son reales.*

Así se vería un boletín sobre capacitación. Tres seminarios web gratuitos ayudarían al personal de clínicas y de \
salas de emergencia a ver las señales de la trata de personas y a saber qué hacer.

1. Cómo ver las señales durante una consulta
2. Cómo hablar con un paciente con un enfoque informado sobre el trauma
3. Cómo conectar a los pacientes con los servicios que necesitan

La [Oficina contra la Trata de Personas](https://www.acf.hhs.gov/otip) (en inglés) publica las capacitaciones \
reales.
""",
    },
}
