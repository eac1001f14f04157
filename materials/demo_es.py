"""The demo catalog in Spanish: each material's title, summary and description, and the audiences' names.

Keyed by the material's slug and the audience's slug (``materials.demo``
holds the English). Written for people, not word for word: formal "usted",
neutral Latin-American Spanish and the campaign's terms from
docs/glossary-es.md ("trata de personas", "línea directa", "fuerzas del
orden", the line "Mire más allá de lo evidente"). Like the English, the text
comes from the campaign's public facts; the synthetic benchmark rows say they
are test data, in Spanish too.
"""

# slug: (title, summary, description)
MATERIALS_ES = {
    "health-care-provider-tool-kit": (
        "Kit de herramientas para proveedores de atención médica",
        "Una hoja informativa, preguntas de evaluación y carteles para las salas de espera de clínicas, salas de "
        "emergencias y departamentos de salud.",
        "Una consulta médica puede ser la única ocasión en que alguien ve a una víctima de la trata de personas sin "
        "su tratante.\n\nEste kit de herramientas reúne una hoja informativa sobre las señales de la trata, "
        "preguntas de evaluación para hacerle al paciente a solas y carteles con el número de la línea directa para "
        "las salas de espera y los consultorios.",
    ),
    "social-service-tool-kit": (
        "Kit de herramientas para organizaciones de servicios sociales",
        "Preguntas para iniciar una conversación, una hoja informativa y carteles para albergues, bancos de "
        "alimentos y trabajadores sociales.",
        "Los trabajadores sociales, el personal de los albergues y los promotores comunitarios suelen ser los "
        "primeros en escuchar la historia de una víctima.\n\nEl kit de herramientas explica cómo la certificación "
        "del HHS da acceso a beneficios y servicios a las víctimas extranjeras, e incluye preguntas para iniciar una "
        "conversación de manera segura.",
    ),
    "law-enforcement-tool-kit": (
        "Kit de herramientas para las fuerzas del orden",
        "Orientación para los agentes que encuentran víctimas durante redadas, controles de tránsito e "
        "investigaciones laborales.",
        "Reconocer a una víctima como víctima es el primer paso para su recuperación y para un enjuiciamiento "
        "exitoso.\n\nEl kit de herramientas explica las señales de la trata de personas, cómo trabajar con los "
        "proveedores de servicios para víctimas y con los grupos de trabajo contra la trata, y cómo usar la línea "
        "directa.",
    ),
    "look-beneath-the-surface-brochure": (
        "Folleto “Mire más allá de lo evidente”",
        "El folleto de la campaña: qué es la trata de personas, quiénes son sus víctimas y el número de la línea "
        "directa.",
        "La trata de personas es una forma moderna de esclavitud. Con frecuencia, las víctimas están a la vista de "
        "todos sin que nadie las reconozca.\n\nEste folleto explica las señales a las que debe prestar atención y "
        "cómo llamar a la Línea Directa Nacional contra la Trata de Personas, 1-888-373-7888.",
    ),
    "law-enforcement-pocket-card": (
        "Tarjeta de bolsillo para las fuerzas del orden",
        "Una tarjeta para el bolsillo del agente: las señales de la trata de personas y el número de la línea directa.",
        "Cabe en el bolsillo del uniforme. Enumera las señales de que una persona puede ser víctima de la trata y "
        "las preguntas que ayudan al agente a decidir.",
    ),
    "look-beneath-the-surface-poster": (
        "Cartel “Mire más allá de lo evidente”",
        "Un cartel de 11 por 17 pulgadas con el lema de la campaña y el número de la línea directa.",
        "Para salas de espera, salas de descanso y tableros de anuncios comunitarios.\n\nEl cartel lleva el lema de "
        "la campaña, “Mire más allá de lo evidente”, y los números de la línea directa para llamar y para enviar "
        "mensajes de texto.",
    ),
    "introduction-to-human-trafficking-presentation": (
        "Introducción a la trata de personas (presentación)",
        "Diapositivas y notas para el presentador, para una introducción de una hora a la trata de personas.",
        "Dé esta charla de una hora en una reunión comunitaria, una clase o una capacitación del personal. Explica "
        "qué es la trata de personas, qué dice la ley, cuáles son las señales y cómo obtener ayuda.",
    ),
    "hotline-clue-card": (
        "Tarjeta de señales de la línea directa",
        "Las señales de que alguien puede ser víctima de la trata de personas, en una tarjeta pequeña con el número "
        "de la línea directa.",
        "Entre las señales: la persona está controlada por otra; no puede dejar el trabajo; tiene moretones; teme "
        "que la deporten; no habla por sí misma; no tiene pasaporte ni documento de identidad.\n\nUna sola señal no "
        "basta para afirmar que hay trata de personas. Varias señales juntas son motivo para llamar al 1-888-373-7888.",
    ),
}

# audience slug: name
AUDIENCES_ES = {
    "health-care": "Proveedores de atención médica",
    "social-service": "Proveedores de servicios sociales",
    "law-enforcement": "Fuerzas del orden",
    "faith-community": "Grupos religiosos y comunitarios",
    "educators": "Educadores",
    "general-public": "Público en general",
}


def synthetic_material_es(number):
    """The Spanish of ``seed_demo --materials``' benchmark rows: as plainly test data as the English."""
    return (
        f"Material sintético {number:05d} (datos de prueba)",
        "Contenido sintético para pruebas de rendimiento, generado por seed_demo --materials; no es un material "
        "real de la campaña.",
        "Contenido sintético para pruebas de rendimiento.",
    )
