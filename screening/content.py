# ruff: noqa: E501 (sentences of content, kept whole so they read and diff as sentences)
"""The questions, sources and result texts the site ships with, in English and Spanish.

Written from published indicator lists (docs/screening.md names each one). The
data migration ``0002_shipped_questions`` loads them in every environment, production
included; ``demo.py`` loads them again after a test flushes the database. Both
call ``load`` with the model classes they have (historical ones in the
migration), so this module imports no model. Staff edit the rows in the admin
afterwards; ``load`` only creates what is missing and never overwrites an edit.

A question marked ``demo`` adapts an indicator to a setting in words of our own
(a guess at what fits); the page shows it with a demo label until staff review it.
"""

import datetime

REVIEWED = datetime.date(2026, 12, 4)

# slug: (title en, title es, publisher en, publisher es, year, address)
SOURCES = {
    "acf-screening-tool": (
        "Adult Human Trafficking Screening Tool and Guide",
        "Herramienta y guía para la detección de la trata de personas adultas",
        "U.S. Department of Health and Human Services, Administration for Children and Families",
        "Departamento de Salud y Servicios Humanos de los EE. UU., Administración para Niños y Familias",
        2018,
        "https://www.acf.hhs.gov/otip/training/nhttac/adult-human-trafficking-screening-tool-and-guide",
    ),
    "dhs-blue-campaign": (
        "Blue Campaign indicators of human trafficking",
        "Indicadores de trata de personas de la Campaña Azul",
        "U.S. Department of Homeland Security",
        "Departamento de Seguridad Nacional de los EE. UU.",
        None,
        "https://www.dhs.gov/blue-campaign/indicators-human-trafficking",
    ),
    "hotline-recognizing-signs": (
        "Recognizing the signs",
        "Cómo reconocer las señales",
        "National Human Trafficking Hotline",
        "Línea Directa Nacional contra la Trata de Personas",
        None,
        "https://humantraffickinghotline.org/en/human-trafficking/recognizing-signs",
    ),
    "rescue-restore-clue-card": (
        "Rescue & Restore hotline clue card",
        "Tarjeta de señales de la línea directa de Rescue & Restore",
        "U.S. Department of Health and Human Services",
        "Departamento de Salud y Servicios Humanos de los EE. UU.",
        None,
        "",
    ),
}

# slug: (order, audience, title en, title es, intro en, intro es, questions)
# question: (source slug, demo?, question en, question es, sign en, sign es)
SETTINGS = {
    "health-care-visit": (
        10,
        "health-care",
        "A health care visit",
        "Una consulta médica",
        "For a visit to a clinic, an emergency room or a health department. Think about what you saw and heard.",
        "Para una consulta en una clínica, una sala de emergencias o un departamento de salud. Piense en lo que vio y escuchó.",
        [
            (
                "hotline-recognizing-signs",
                False,
                "Did someone who came with the patient insist on staying, answering or interpreting for them?",
                "¿Alguien que vino con el paciente insistió en quedarse, responder o interpretar por él?",
                "Someone else spoke or interpreted for them and would not leave them alone",
                "Otra persona hablaba o interpretaba por ellos y no los dejaba solos",
            ),
            (
                "hotline-recognizing-signs",
                False,
                "Did the patient seem fearful, anxious or submissive, especially about their work or the person with them?",
                "¿El paciente parecía tener miedo, ansiedad o sumisión, sobre todo al hablar de su trabajo o de quien lo acompañaba?",
                "They seemed fearful, anxious or submissive",
                "Parecían tener miedo, ansiedad o sumisión",
            ),
            (
                "rescue-restore-clue-card",
                False,
                "Were there bruises or other injuries that the explanation given did not fit?",
                "¿Había moretones u otras lesiones que no coincidían con la explicación que dieron?",
                "Bruises or injuries without an explanation that fits",
                "Moretones o lesiones sin una explicación que coincida",
            ),
            (
                "rescue-restore-clue-card",
                False,
                "Did the patient say someone else keeps their passport or ID?",
                "¿El paciente dijo que otra persona guarda su pasaporte o identificación?",
                "Someone else keeps their passport or ID",
                "Otra persona guarda su pasaporte o identificación",
            ),
            (
                "acf-screening-tool",
                False,
                "Did they say they cannot leave their job, or owe a debt to an employer they cannot pay off?",
                "¿Dijeron que no pueden dejar su trabajo o que tienen con un empleador una deuda que no pueden pagar?",
                "They cannot leave their job or owe a debt they cannot pay off",
                "No pueden dejar su trabajo o tienen una deuda que no pueden pagar",
            ),
        ],
    ),
    "social-services-or-shelter": (
        20,
        "social-service",
        "Social services or a shelter",
        "Servicios sociales o un albergue",
        "For a case worker, shelter staff, a food bank or an outreach worker.",
        "Para trabajadores sociales, personal de albergues, bancos de alimentos o trabajadores de extensión comunitaria.",
        [
            (
                "rescue-restore-clue-card",
                False,
                "Does the person say that someone else controls their money, their papers or where they live?",
                "¿La persona dice que otra persona controla su dinero, sus documentos o dónde vive?",
                "Someone else controls their money, papers or housing",
                "Otra persona controla su dinero, sus documentos o su vivienda",
            ),
            (
                "hotline-recognizing-signs",
                False,
                "Do they live where they work, or in crowded housing an employer arranged?",
                "¿Viven donde trabajan, o en una vivienda con mucha gente que consiguió un empleador?",
                "They live at work or in crowded housing an employer arranged",
                "Viven en el trabajo o en una vivienda con mucha gente que consiguió un empleador",
            ),
            (
                "acf-screening-tool",
                False,
                "Were they promised a job, schooling or pay that turned out to be different?",
                "¿Les prometieron un trabajo, estudios o un sueldo que resultaron ser distintos?",
                "The job or pay they were promised turned out to be different",
                "El trabajo o el sueldo que les prometieron resultó ser distinto",
            ),
            (
                "dhs-blue-campaign",
                False,
                "Do their answers sound rehearsed, as if someone told them what to say?",
                "¿Sus respuestas parecen ensayadas, como si alguien les hubiera dicho qué decir?",
                "Their answers sounded rehearsed, as if coached",
                "Sus respuestas parecían ensayadas, como si alguien les hubiera dicho qué decir",
            ),
            (
                "dhs-blue-campaign",
                False,
                "Do they seem cut off from family, friends or their community?",
                "¿Parecen estar aislados de su familia, sus amigos o su comunidad?",
                "They seem cut off from family, friends and community",
                "Parecen estar aislados de su familia, sus amigos y su comunidad",
            ),
        ],
    ),
    "law-enforcement-contact": (
        30,
        "law-enforcement",
        "A law enforcement contact",
        "Un contacto con las fuerzas del orden",
        "For a traffic stop, a call for service, a raid or an investigation.",
        "Para una parada de tránsito, una llamada de servicio, un operativo o una investigación.",
        [
            (
                "rescue-restore-clue-card",
                False,
                "Does one person answer for the others, or hold their IDs?",
                "¿Una persona responde por los demás o tiene sus identificaciones?",
                "One person answered for the others or held their IDs",
                "Una persona respondía por los demás o tenía sus identificaciones",
            ),
            (
                "hotline-recognizing-signs",
                False,
                "Do their stories change, or contradict each other?",
                "¿Sus relatos cambian o se contradicen entre sí?",
                "Their stories changed or contradicted each other",
                "Sus relatos cambiaban o se contradecían",
            ),
            (
                "hotline-recognizing-signs",
                False,
                "Does someone under 18 appear to be involved in commercial sex?",
                "¿Parece que alguien menor de 18 años participa en sexo comercial?",
                "Someone under 18 appeared to be involved in commercial sex",
                "Alguien menor de 18 años parecía participar en sexo comercial",
            ),
            (
                "rescue-restore-clue-card",
                False,
                "Does the person show fear of deportation, or of the police?",
                "¿La persona muestra miedo a la deportación o a la policía?",
                "They were afraid of deportation or of the police",
                "Tenían miedo a la deportación o a la policía",
            ),
            (
                "hotline-recognizing-signs",
                False,
                "Are there signs that people cannot come and go, such as doors locked from outside, barred windows or guards?",
                "¿Hay señales de que las personas no pueden entrar y salir libremente, como puertas cerradas desde afuera, ventanas con rejas o guardias?",
                "People could not come and go freely (locks, bars or guards)",
                "Las personas no podían entrar y salir libremente (cerraduras, rejas o guardias)",
            ),
        ],
    ),
    "workplace-or-inspection": (
        40,
        "everyone",
        "A workplace or an inspection",
        "Un lugar de trabajo o una inspección",
        "For a labor, health or safety inspection, a supplier visit, or a job site you know.",
        "Para una inspección laboral, sanitaria o de seguridad, la visita a un proveedor o un lugar de trabajo que usted conoce.",
        [
            (
                "hotline-recognizing-signs",
                False,
                "Are workers unpaid, paid very little, or paid only in tips?",
                "¿Los trabajadores no reciben pago, reciben muy poco o solo propinas?",
                "Workers were unpaid, paid very little or only in tips",
                "Los trabajadores no recibían pago, recibían muy poco o solo propinas",
            ),
            (
                "hotline-recognizing-signs",
                False,
                "Do workers work very long hours with few or no breaks or days off?",
                "¿Los trabajadores trabajan jornadas muy largas con pocos o ningún descanso o día libre?",
                "Very long hours with few or no breaks",
                "Jornadas muy largas con pocos o ningún descanso",
            ),
            (
                "rescue-restore-clue-card",
                False,
                "Do workers say they cannot leave the job, or owe the employer or a recruiter a debt?",
                "¿Los trabajadores dicen que no pueden dejar el trabajo o que le deben dinero al empleador o a un reclutador?",
                "Workers could not leave the job or owed a debt to the employer or a recruiter",
                "Los trabajadores no podían dejar el trabajo o le debían dinero al empleador o a un reclutador",
            ),
            (
                "rescue-restore-clue-card",
                False,
                "Does the employer or a supervisor keep the workers' passports or IDs?",
                "¿El empleador o un supervisor guarda los pasaportes o las identificaciones de los trabajadores?",
                "The employer kept workers' passports or IDs",
                "El empleador guardaba los pasaportes o las identificaciones de los trabajadores",
            ),
            (
                "dhs-blue-campaign",
                False,
                "Do workers live at the workplace or in housing the employer controls?",
                "¿Los trabajadores viven en el lugar de trabajo o en una vivienda que controla el empleador?",
                "Workers lived at the workplace or in housing the employer controls",
                "Los trabajadores vivían en el lugar de trabajo o en una vivienda que controla el empleador",
            ),
        ],
    ),
    "school": (
        50,
        "everyone",
        "A school",
        "Una escuela",
        "For teachers, counselors, nurses and other school staff who notice a change in a student.",
        "Para maestros, consejeros, enfermeros y otro personal escolar que nota un cambio en un estudiante.",
        [
            (
                "dhs-blue-campaign",
                False,
                "Has the student been missing school often, or stopped coming?",
                "¿El estudiante falta a clases con frecuencia o dejó de asistir?",
                "The student has been missing school or stopped coming",
                "El estudiante falta a clases o dejó de asistir",
            ),
            (
                "dhs-blue-campaign",
                False,
                "Has there been a sudden or dramatic change in the student's behavior?",
                "¿Hubo un cambio repentino o drástico en el comportamiento del estudiante?",
                "A sudden or dramatic change in behavior",
                "Un cambio repentino o drástico en el comportamiento",
            ),
            (
                "dhs-blue-campaign",
                False,
                "Does the student seem tired, hungry, or without medical care they need?",
                "¿El estudiante parece cansado, con hambre o sin la atención médica que necesita?",
                "Tired, hungry or without medical care they need",
                "Cansancio, hambre o falta de la atención médica que necesita",
            ),
            (
                "dhs-blue-campaign",
                True,
                "Does the student have an older partner or new friend who gives them gifts, money or rides?",
                "¿El estudiante tiene una pareja mayor o un amigo nuevo que le da regalos, dinero o lo lleva en auto?",
                "An older partner or new friend gives them gifts, money or rides",
                "Una pareja mayor o un amigo nuevo le da regalos, dinero o lo lleva en auto",
            ),
            (
                "hotline-recognizing-signs",
                True,
                "Does the student talk about working long hours, or owing money to someone?",
                "¿El estudiante habla de trabajar muchas horas o de deberle dinero a alguien?",
                "They talk about long working hours or owing money to someone",
                "Habla de trabajar muchas horas o de deberle dinero a alguien",
            ),
        ],
    ),
}

# part: (text en, text es)
RESULT_TEXTS = {
    "about": (
        "This is not a test and it gives no answer. Only the person, with time and trust, "
        "and the people trained to help can learn what is happening. Below is what you noticed and what you can do now.",
        "Esto no es una prueba y no da una respuesta. Solo la persona, con tiempo y confianza, "
        "y quienes están capacitados para ayudar pueden saber lo que está pasando. A continuación verá lo que usted notó y lo que puede hacer ahora.",
    ),
    "signs-noticed": (
        "You noticed these signs:",
        "Usted notó estas señales:",
    ),
    "no-signs": (
        "You did not mark any of these signs. If you are still worried, trust that feeling: "
        "the hotline can talk it through with you.",
        "Usted no marcó ninguna de estas señales. Si todavía le preocupa, confíe en esa sensación: "
        "la línea directa puede hablarlo con usted.",
    ),
    "what-to-do": (
        "Put your own safety and the person's first. If anyone is in immediate danger, call 911.\n"
        "Do not confront anyone you think may be in control, and do not try to rescue anyone yourself.\n"
        "If it is safe, talk with the person alone, with a professional interpreter rather than someone who came with them.\n"
        "Do not promise outcomes you cannot control, such as immigration status, housing or an arrest.\n"
        "Follow your workplace's protocol, and write down what you saw, when and where.\n"
        "Call or text the National Human Trafficking Hotline to talk it through.",
        "Ponga primero su propia seguridad y la de la persona. Si alguien está en peligro inmediato, llame al 911.\n"
        "No confronte a nadie que usted crea que tiene el control, y no intente rescatar a nadie por su cuenta.\n"
        "Si es seguro, hable con la persona a solas, con un intérprete profesional y no con alguien que la acompañó.\n"
        "No prometa resultados que usted no controla, como una situación migratoria, una vivienda o un arresto.\n"
        "Siga el protocolo de su lugar de trabajo y anote lo que vio, cuándo y dónde.\n"
        "Llame o envíe un mensaje de texto a la Línea Directa Nacional contra la Trata de Personas para hablarlo.",
    ),
    "hotline": (
        "The hotline answers 24 hours a day, every day, in more than 200 languages, and calls are confidential. "
        "An advocate can help you think through what you saw and what to do next, "
        "and can connect the person with services if they want help.",
        "La línea directa atiende las 24 horas, todos los días, en más de 200 idiomas, y las llamadas son confidenciales. "
        "Un intercesor puede ayudarle a pensar en lo que vio y en qué hacer después, "
        "y puede conectar a la persona con servicios si quiere ayuda.",
    ),
    "read-out": (
        "When you call or text, you can read out this summary:",
        "Cuando llame o envíe un mensaje, puede leer este resumen:",
    ),
}


def load(Source, Setting, Question, ResultText):  # noqa: N803 (model classes, historical in the migration)
    """Create whichever shipped rows are missing; rows staff already have are left as they are."""
    sources = {}
    for slug, (title_en, title_es, publisher_en, publisher_es, year, url) in SOURCES.items():
        sources[slug], _created = Source.objects.get_or_create(
            slug=slug,
            defaults={
                "title": title_en,
                "title_en": title_en,
                "title_es": title_es,
                "publisher": publisher_en,
                "publisher_en": publisher_en,
                "publisher_es": publisher_es,
                "year": year,
                "url": url,
                "last_reviewed": REVIEWED,
            },
        )
    for slug, (order, audience, title_en, title_es, intro_en, intro_es, questions) in SETTINGS.items():
        setting, created = Setting.objects.get_or_create(
            slug=slug,
            defaults={
                "order": order,
                "audience": audience,
                "title": title_en,
                "title_en": title_en,
                "title_es": title_es,
                "intro": intro_en,
                "intro_en": intro_en,
                "intro_es": intro_es,
                "last_reviewed": REVIEWED,
            },
        )
        if not created:
            continue
        for position, (source, demo, text_en, text_es, sign_en, sign_es) in enumerate(questions, start=1):
            Question.objects.create(
                setting=setting,
                order=position * 10,
                source=sources[source],
                is_demo=demo,
                text=text_en,
                text_en=text_en,
                text_es=text_es,
                sign=sign_en,
                sign_en=sign_en,
                sign_es=sign_es,
                last_reviewed=REVIEWED,
            )
    for part, (text_en, text_es) in RESULT_TEXTS.items():
        ResultText.objects.get_or_create(
            part=part, defaults={"text": text_en, "text_en": text_en, "text_es": text_es, "last_reviewed": REVIEWED}
        )
