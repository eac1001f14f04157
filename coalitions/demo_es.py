"""Spanish versions of the demo coalitions that seed_demo loads, keyed by slug (coalitions/demo.py).

Written for people, after docs/glossary-es.md: formal "usted", neutral Latin-American
Spanish, "trata de personas" (never "tráfico"). Place names as Spanish readers know
them, the same everywhere on the Spanish site: Filadelfia, Los Ángeles. Coalition
names stay as the coalitions spell them. The history lines are the same public facts
as the English ones; what the coalition does is an example, shown inside the demo label.
"""

WORK_ES = (
    "La coalición es un equipo local. Participan la policía, el gobierno local, iglesias y grupos religiosos, "
    "servicios sociales y personal de salud. Juntos encuentran a las víctimas de la trata de personas y las ayudan "
    "a recibir atención."
)

_PILOT = (
    "{city} fue una de las tres ciudades piloto, junto con {others}, que el HHS anunció el 11 de marzo de 2004, "
    "al mismo tiempo que la línea directa."
)

COALITIONS_ES = {
    "philadelphia-rescue-restore-coalition": {
        "city": "Filadelfia",
        "history": _PILOT.format(city="Filadelfia", others="Atlanta y Phoenix"),
    },
    "atlanta-rescue-restore-coalition": {
        "city": "Atlanta",
        "history": _PILOT.format(city="Atlanta", others="Filadelfia y Phoenix"),
    },
    "phoenix-rescue-restore-coalition": {
        "city": "Phoenix",
        "history": _PILOT.format(city="Phoenix", others="Filadelfia y Atlanta"),
    },
    "los-angeles-rescue-restore-coalition": {
        "city": "Los Ángeles",
        "history": "Se lanzó el 28 de septiembre de 2005 con más de 90 organizaciones.",
    },
    "houston-rescue-restore-coalition": {
        "city": "Houston",
        "history": "Se lanzó el 16 de noviembre de 2005. Entre sus miembros había una arquidiócesis católica, "
        "YMCA International Services y la AFL-CIO de un condado.",
    },
    "sacramento-rescue-restore-coalition": {
        "city": "Sacramento",
        "history": "El 27 de junio de 2007, Sacramento se unió a una red de 17 coaliciones.",
    },
    "nashville-rescue-restore-coalition": {
        "city": "Nashville",
        "history": "Se anunció el 17 de julio de 2007 como la coalición número 19.",
    },
    "illinois-rescue-restore-coalition": {
        "city": "Todo el estado",
        "history": "Una coalición de todo el estado. Realizó una jornada anual de difusión (2011).",
    },
}
