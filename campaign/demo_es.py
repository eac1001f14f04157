# ruff: noqa: E501 (demo prose reads better unwrapped, as in demo.py)
"""Spanish versions of the campaign pages that seed_demo loads, keyed by slug (campaign/demo.py).

Written for people, after docs/glossary-es.md: formal "usted", neutral Latin-American
Spanish, the campaign's terms ("trata de personas", never "tráfico"). Links inside the
site point to the Spanish addresses (``/es/…``); a link to a page that exists only in
English says "(en inglés)", as usa.gov/es does.

``PAGES_ES`` translates the pages of ``campaign.demo.PAGES``. The Spanish of the
required pages as a new site has them is in the migration
``0008_required_pages_es``, which production runs too.
"""

PAGES_ES = {
    "recognizing-the-signs": {
        "title": "Cómo reconocer las señales de la trata de personas",
        "summary": "La trata de personas es una forma de esclavitud moderna. Las víctimas suelen estar a la vista de "
        "todos sin que nadie las note; estas son las señales a las que debe prestar atención.",
        "body": """La trata de personas es una forma de esclavitud moderna. Los tratantes usan la fuerza, el fraude o la
coacción para obligar a las personas a trabajar o para explotarlas sexualmente. Las víctimas pueden ser hombres,
mujeres, niños o niñas, ciudadanos de los Estados Unidos o personas de otros países.

Las víctimas rara vez pueden pedir ayuda. Muchas no hablan inglés, no conocen sus derechos o temen más a quienes las
controlan de lo que confían en la policía. Por eso la campaña le pide a todas las personas que *miren más allá de lo
evidente*.

## Señales a las que debe prestar atención

Una persona que podría ser víctima de la trata:

- está controlada por otra persona, que habla por ella o no la deja hablar a solas;
- no puede dejar su trabajo ni el lugar donde vive, o dice que tiene una deuda que nunca podrá pagar;
- tiene moretones u otras señales de maltrato físico;
- tiene miedo de que la deporten o de lo que le pueda pasar a su familia;
- no tiene en su poder su pasaporte ni sus documentos de identidad;
- parece que le enseñaron lo que tiene que decir, o no sabe dónde está.

Una sola señal no prueba que haya trata de personas. Varias señales juntas son motivo para llamar.

## Qué hacer

Llame a la Línea Directa Nacional contra la Trata de Personas al **1-888-373-7888** o envíe un mensaje de texto al
**233733**. La línea directa atiende las 24 horas del día, los 7 días de la semana, también en español, y puede poner
a la víctima en contacto con albergues, ayuda legal y atención médica. Si alguien está en peligro inmediato, llame
al 911.

Las víctimas de la trata de personas certificadas pueden recibir beneficios y servicios federales en la misma medida
que los refugiados.
""",
    },
    "about-the-campaign": {
        "title": "Acerca de la campaña Rescue & Restore",
        "summary": "Desde 2004, Rescue & Restore trabaja con coaliciones locales para ayudar a las personas que se "
        "encuentran con víctimas a reconocerlas.",
        "body": """La Ley de Protección de las Víctimas de la Trata de Personas del año 2000 le da una tarea al
Departamento de Salud y Servicios Humanos de los EE. UU. (HHS): ayudar a las víctimas de la trata de personas a
recibir los beneficios y servicios que necesitan para rehacer su vida. La campaña Rescate y Restauración de Víctimas
de la Trata de Personas (Rescue & Restore) es parte de ese trabajo. Ayuda a las personas que tienen más
probabilidades de encontrarse con víctimas a ver las señales y a ponerlas en contacto con quienes pueden ayudarlas.

## Historia

- **11 de marzo de 2004**: el HHS anunció la línea directa y un programa piloto en tres ciudades: Filadelfia, Atlanta
  y Phoenix.
- **28 de septiembre de 2005**: empezó la coalición de Los Ángeles, con más de 90 grupos.
- **16 de noviembre de 2005**: empezó la coalición de Houston.
- **27 de junio de 2007**: Sacramento se unió a una red de 17 coaliciones. El **17 de julio de 2007**, Nashville se
  convirtió en la número 19.
- Con el tiempo, hubo coaliciones en 24 ciudades, regiones y estados.

## Cómo funciona la campaña

Los proveedores de atención médica, los grupos de servicios sociales, la policía y los grupos religiosos y
comunitarios pueden encontrarse con víctimas en su trabajo diario. El HHS les ayuda a conocer las señales. También
apoya a las coaliciones locales de Rescue & Restore, que reúnen a estos grupos. Muchas coaliciones trabajan con un
grupo de trabajo de las fuerzas del orden contra la trata de personas. El Departamento de Justicia financia esos
grupos de trabajo desde 2004.
""",
    },
    "health-care-providers": {
        "title": "Para proveedores de atención médica",
        "summary": "Una consulta médica puede ser la única ocasión en que alguien ve a una víctima de la trata sin su "
        "tratante. Sepa qué observar, qué preguntar y a quién llamar.",
        "body": """Los proveedores de atención médica pueden ser de las pocas personas ajenas que ven a una víctima de la
trata de personas mientras todavía está bajo el control del tratante. Las lesiones, las enfermedades sin tratar, el
embarazo, las infecciones o el simple agotamiento pueden llevar a una víctima a una sala de emergencias, a una
clínica, al dentista o a un departamento de salud. Es posible que usted tenga una sola consulta. Esta página explica
lo que puede notar, lo que puede preguntar y qué hacer después.

## Lo que puede observar

Ninguna señal por sí sola prueba que haya trata de personas. Varias juntas son motivo para mirar más allá de lo
evidente. Un paciente que podría ser víctima de la trata:

- llega con un acompañante que responde todas las preguntas, no quiere salir del consultorio o guarda el pasaporte,
  los documentos de identidad o la tarjeta del seguro médico del paciente;
- parece asustado, ansioso o en alerta, evita mirar a los ojos o mira al acompañante antes de responder;
- explica una lesión de una manera que no coincide con la lesión, o cuenta una historia que parece ensayada;
- tiene moretones, quemaduras, cortes u otras señales de maltrato físico, o lesiones antiguas que nunca se trataron;
- muestra señales de largas jornadas de trabajo con poco descanso o poca comida: agotamiento, deshidratación,
  desnutrición;
- no sabe la dirección del lugar donde vive o trabaja, ni en qué ciudad está;
- dice que le debe a un empleador una deuda que nunca podrá pagar, o que no puede dejar su trabajo;
- tiene miedo de que lo deporten o de lo que le pueda pasar a su familia en su país.

## Qué preguntar

Primero, busque la manera de hablar a solas con el paciente, por ejemplo, durante un examen o una prueba. Recurra a un
intérprete profesional, en persona o por teléfono, nunca al acompañante ni a un familiar. Luego haga preguntas
abiertas, con calma:

- ¿Puede dejar su trabajo o el lugar donde vive si quiere?
- ¿Alguien le ha hecho daño, o ha amenazado con hacerles daño a usted o a su familia, si se va?
- ¿Quién tiene su pasaporte o su identificación?
- ¿Le debe dinero a la persona para la que trabaja? ¿Cuánto, y por qué?
- ¿Le pagan? ¿Se queda usted con el dinero?
- ¿Alguien lo está obligando a hacer algo que usted no quiere hacer?

## Qué hacer

- Atienda primero el problema médico, y anote lo que observa y lo que el paciente le cuenta.
- Siga la política de su centro y las leyes de su estado, incluida cualquier obligación de denunciar el maltrato de un
  menor.
- Llame a la Línea Directa Nacional contra la Trata de Personas al **1-888-373-7888** o envíe un mensaje de texto al
  **233733**, las 24 horas del día. La línea directa puede ayudarle a decidir si se trata de un caso de trata y puede
  poner al paciente en contacto con albergues, ayuda legal y servicios cerca de usted. Atiende en español y en más de
  200 idiomas.
- Si el paciente o cualquier otra persona está en peligro inmediato, llame al 911.

## Qué no hacer

- No confronte al acompañante ni diga delante de él que sospecha que hay trata.
- No le pida al acompañante que interprete.
- No presione al paciente para que le cuente todo, y no le prometa lo que no puede cumplir, como una situación
  migratoria.
- No se comunique con las autoridades de inmigración en nombre del paciente. Las víctimas de la trata tienen derechos;
  la línea directa puede explicárselos.

## Por qué es importante

Las víctimas adultas extranjeras que el HHS certifica pueden recibir beneficios y servicios federales en la misma
medida que los refugiados; los menores reciben cartas de elegibilidad. Su llamada puede ser el primer paso. Abajo
puede hacer un pedido gratuito o descargar el kit de herramientas de la campaña para proveedores de atención médica y
sus carteles para salas de espera.
""",
    },
    "social-service-providers": {
        "title": "Para proveedores de servicios sociales",
        "summary": "Los trabajadores sociales, el personal de los albergues y los promotores comunitarios suelen ser los "
        "primeros en escuchar la historia de una víctima. Conozca las señales, las preguntas y los pasos a seguir.",
        "body": """Las organizaciones de servicios sociales suelen atender a personas en riesgo de ser víctimas de la
trata: albergues, bancos de alimentos, servicios para inmigrantes y refugiados, programas contra la violencia
doméstica, programas para jóvenes, incluidos los que se han ido de su casa, y servicios de asistencia legal. Una
víctima puede acudir a usted por algo totalmente distinto, como comida, una cama para pasar la noche o ayuda con un
formulario. Como usted se gana su confianza con el tiempo, puede ser la persona a quien una víctima por fin le cuente
lo que le pasa.

## Lo que puede observar

Una sola señal no prueba que haya trata de personas. Varias juntas son motivo para mirar más allá de lo evidente.
Una persona que podría ser víctima:

- está controlada por otra persona, que la lleva y la recoge, la espera o habla por ella;
- no puede dejar su trabajo ni el lugar donde vive, o vive en el lugar de trabajo;
- trabaja jornadas muy largas por poco o ningún sueldo, o le entrega la mayor parte a un empleador o a un reclutador;
- dice que tiene una deuda que no deja de crecer, por el viaje, la vivienda o “cuotas”;
- no tiene pasaporte ni documentos de identidad, o dice que otra persona se los está “guardando”;
- tiene miedo de la policía o de que la deporten, o dice que le harán daño a su familia;
- muestra señales de maltrato físico, o de no comer ni dormir lo suficiente;
- es una persona joven que se fue de su casa, tiene un “novio” mayor que le compra cosas, o a quien le han pedido
  tener relaciones sexuales a cambio de un lugar donde quedarse.

## Qué preguntar: preguntas que pueden abrir una conversación

Pregunte en privado, en el idioma de la persona, con un intérprete profesional si hace falta. Explique qué puede
mantener en confidencialidad y qué no.

- ¿Puede dejar su trabajo o su casa si quiere?
- ¿Alguien lo ha amenazado a usted o a su familia si intenta irse?
- ¿Tiene su pasaporte o su identificación? ¿Quién los tiene?
- ¿Le debe dinero a su empleador? ¿Qué pasa si no puede pagar?
- ¿Le prometieron un tipo de trabajo y lo obligaron a hacer otro?
- ¿Alguien lo está obligando a hacer algo que usted no quiere hacer?

## Qué hacer

- Escuche, crea en lo que le cuentan y deje que la persona decida cuánto quiere compartir. La seguridad es lo
  primero: la de ella y la suya.
- Anote lo que observa y lo que le cuentan, con las palabras de la persona.
- Llame a la Línea Directa Nacional contra la Trata de Personas al **1-888-373-7888** o envíe un mensaje de texto al
  **233733**. La línea directa trabaja todos los días con proveedores de servicios. Puede ayudarle a evaluar la
  situación y a encontrar albergue, servicios legales y atención médica cerca de usted. Atiende en español y en más de
  200 idiomas.
- Si alguien está en peligro inmediato, llame al 911.
- Siga las políticas de su programa y las normas de su estado para denunciar el maltrato de un menor.

## Qué no hacer

- No confronte a un presunto tratante ni se comunique con él.
- No use a un familiar, a un acompañante ni a un niño como intérprete.
- No prometa resultados que no puede garantizar, como un alivio migratorio o un empleo.
- No comparta la información de la persona con otras agencias sin su consentimiento, a menos que la ley lo exija.

## La ayuda que pueden recibir las víctimas

El HHS puede certificar a las víctimas adultas extranjeras de la trata para que reúnan los requisitos para recibir
beneficios y servicios en la misma medida que los refugiados, y puede emitir cartas de elegibilidad para menores. Las
víctimas que son ciudadanas de los Estados Unidos ya reúnen los requisitos para muchos servicios. Abajo encontrará el
kit de herramientas de la campaña para organizaciones de servicios sociales y sus carteles; las coaliciones de Rescue
& Restore cerca de usted reúnen a proveedores de servicios, fuerzas del orden y grupos comunitarios.
""",
    },
    "law-enforcement": {
        "title": "Para las fuerzas del orden",
        "summary": "Los agentes pueden encontrarse con víctimas en redadas, controles de tránsito e investigaciones "
        "laborales. Identifíquelas como víctimas, no como delincuentes, y sepa quién puede ayudar.",
        "body": """Los agentes del orden pueden encontrarse con víctimas de la trata de personas durante investigaciones
de prostitución, infracciones laborales, delitos migratorios, disputas domésticas o controles de tránsito. Con
frecuencia, las víctimas son arrestadas o rechazadas porque no parecen víctimas ni actúan como tales: pueden mentir
sobre su edad, defender a su tratante o rechazar la ayuda. Identificarlas como víctimas es el primer paso para su
recuperación y para que el proceso judicial contra sus tratantes tenga éxito.

## Lo que puede observar

Cualquier señal por sí sola puede tener una explicación inocente. Varias juntas justifican mirar con más atención.
Una persona que podría ser víctima de la trata:

- no controla sus propios documentos de identidad, su dinero ni su teléfono;
- está acompañada por alguien que responde por ella, o da respuestas que parecen aprendidas de memoria;
- no puede dejar su trabajo ni el lugar donde vive, o vive donde trabaja;
- dice que tiene una deuda grande con un empleador, un reclutador o un traficante de migrantes;
- muestra señales de maltrato físico, marcas o tatuajes que indican que “pertenece” a alguien, o señales de no comer
  ni dormir lo suficiente;
- tiene miedo de la policía, de que la deporten o de lo que le pueda pasar a su familia;
- es menor de edad y participa en el comercio sexual. Según la ley federal, toda persona menor de 18 años a la que se
  induce a realizar un acto sexual comercial es víctima de la trata de personas, se demuestre o no el uso de la
  fuerza, el fraude o la coacción.

## Qué preguntar

Separe a la persona de cualquiera que pueda controlarla, y recurra a un intérprete profesional, nunca a un
acompañante.

- ¿Dónde vive y trabaja? ¿Puede entrar y salir cuando quiere?
- ¿Alguien lo ha amenazado a usted o a su familia?
- ¿Quién tiene su pasaporte o su identificación?
- ¿Debe dinero? ¿A quién, y qué pasa si no paga?
- ¿Le prometieron un tipo de trabajo y lo obligaron a hacer otro?

## Qué hacer

- Trate a la persona como posible víctima hasta que sepa lo contrario. Asegúrese de que esté a salvo y de que tenga
  cubiertas sus necesidades básicas: atención médica, comida, un lugar donde quedarse.
- Llame a la Línea Directa Nacional contra la Trata de Personas al **1-888-373-7888** o envíe un mensaje de texto al
  **233733**. Puede ponerlo en contacto con proveedores de servicios para víctimas y con socios federales, las 24
  horas del día, en español y en más de 200 idiomas.
- Trabaje con el grupo de trabajo contra la trata de personas de su zona. Desde 2004, el Departamento de Justicia
  financia grupos de trabajo que reúnen a las fuerzas del orden y a los proveedores de servicios para víctimas; muchas
  coaliciones de Rescue & Restore colaboran con ellos.
- Informe a las víctimas extranjeras sobre las protecciones que existen para ellas. Las fuerzas del orden federales
  pueden solicitar para las víctimas la Presencia Continuada (*Continued Presence*), una situación migratoria
  temporal, y la línea directa puede remitirlas a servicios de ayuda legal.

## Qué no hacer

- No trate a una víctima como delincuente por lo que el tratante la obligó a hacer.
- No entreviste a una víctima delante del presunto tratante ni lo use a él como intérprete.
- No prometa resultados, como una visa, que no le corresponde conceder.
- No devuelva a una víctima al lugar donde la encontró sin un plan de seguridad.

## Materiales para agentes

La tarjeta de bolsillo de la campaña cabe en el bolsillo del uniforme y enumera las señales de la trata y el número
de la línea directa. El kit de herramientas para las fuerzas del orden trata sobre las señales, el trabajo con
proveedores de servicios para víctimas y con grupos de trabajo, y la ayuda que pueden recibir las víctimas. Abajo
puede hacer un pedido gratuito o descargarlos.
""",
    },
    "everyone": {
        "title": "Para el público en general",
        "summary": "Los vecinos, los compañeros de trabajo, las comunidades religiosas, los maestros y los voluntarios "
        "pueden notar lo que otros pasan por alto. Conozca las señales y haga la llamada.",
        "body": """La trata de personas ocurre en ciudades, suburbios y pueblos rurales. Los tratantes obligan, engañan o
presionan a las personas para que trabajen o para que vendan sexo, en restaurantes, granjas, fábricas, casas
particulares, salones de uñas, hoteles y por internet. Las víctimas pueden ser hombres, mujeres, niños o niñas,
ciudadanos de los Estados Unidos o personas de otros países. No necesita ser experto para ayudar. Solo necesita darse
cuenta y saber a quién llamar.

## Lo que puede notar

Una sola señal no prueba que haya trata de personas. Varias juntas son motivo para mirar más allá de lo evidente.
Una persona que podría ser víctima:

- está controlada por otra persona, que habla por ella o no la deja hablar a solas;
- no puede dejar su trabajo ni el lugar donde vive, o nunca se la ve sin un “jefe”;
- vive en su lugar de trabajo, o con muchos otros trabajadores en una casa abarrotada;
- trabaja jornadas muy largas, parece cansada, con hambre o enferma, y casi nunca le pagan;
- tiene moretones u otras señales de maltrato físico;
- tiene miedo de la policía o de que la deporten, o habla de una deuda que nunca podrá pagar;
- no tiene en su poder su pasaporte ni sus documentos de identidad;
- es una persona joven con un “novio” o un “representante” mayor, con regalos caros que no puede explicar, o con más
  de un teléfono.

## Lo que puede preguntar

Si conoce a la persona y pueden hablar con seguridad, en privado, puede preguntarle con delicadeza:

- ¿Puede dejar su trabajo si quiere?
- ¿Alguien lo está obligando a hacer algo que usted no quiere hacer?
- ¿Lo están amenazando a usted o a su familia?

Deje que la persona responda a su propio ritmo. Usted no necesita pruebas, y no necesita preguntar nada antes de
llamar.

## Qué hacer

- Llame a la Línea Directa Nacional contra la Trata de Personas al **1-888-373-7888** o envíe un mensaje de texto al
  **233733**. Atiende las 24 horas del día, los 7 días de la semana, en español y en más de 200 idiomas. Cuente lo
  que vio. Lo escucharán y decidirán con usted qué hacer después. Puede llamar sin dar su nombre.
- Si alguien está en peligro inmediato, llame al 911.
- Si cree que alguien vigila lo que usted hace en internet, lea nuestros consejos para mantenerse seguro antes de
  buscar información o de llamar.

## Qué no hacer

- No confronte a una persona que sospecha que es tratante.
- No intente rescatar a nadie por su cuenta. Puede ponerla en peligro a ella, y también a usted.
- No publique nada sobre una posible víctima en las redes sociales.

## Cómo puede ayudar su comunidad

Las organizaciones religiosas y comunitarias, las escuelas y los clubes pueden organizar una capacitación con la
presentación de la campaña “An Introduction to Human Trafficking” (Introducción a la trata de personas), colocar el
cartel “Look Beneath the Surface” (Mire más allá de lo evidente), repartir las tarjetas de señales de la línea
directa o unirse a una coalición local de Rescue & Restore. Las coaliciones reúnen a gobiernos locales, grupos
cívicos, iglesias y organizaciones religiosas, grupos étnicos y de inmigrantes, organizaciones de mujeres, sindicales
y de inmigración, proveedores de salud comunitarios y organizaciones de servicios sociales. Abajo encontrará
materiales gratuitos y coaliciones cerca de usted.
""",
    },
    "resources": {
        "title": "Recursos para cada público",
        "summary": "Orientación, materiales gratuitos y coaliciones locales para proveedores de atención médica, "
        "proveedores de servicios sociales, fuerzas del orden y el público en general.",
        "body": """Rescue & Restore ayuda a las personas que tienen más probabilidades de encontrarse con víctimas de la
trata de personas a reconocerlas y a ponerlas en contacto con quienes pueden ayudarlas. Elija la página escrita para
usted: cada una explica las señales que puede observar, las preguntas que puede hacer, y lo que debe hacer y no hacer.
Todos los materiales se pueden descargar, y la mayoría se pueden pedir impresos, sin costo.

Dondequiera que trabaje, el primer paso es el mismo: llame a la Línea Directa Nacional contra la Trata de Personas al
**1-888-373-7888** o envíe un mensaje de texto al **233733**, las 24 horas del día, los 7 días de la semana. Si
alguien está en peligro inmediato, llame al 911.

Las coaliciones locales de Rescue & Restore reúnen a todos estos grupos. [Encuentre una coalición cerca de
usted](/es/coalitions/) o [haga un pedido de materiales gratuitos](/es/materials/) para su lugar de trabajo.
""",
    },
    "get-involved": {
        "title": "Participe",
        "summary": "Cinco maneras de ayudar: conozca las señales, comparta la línea directa, pida materiales gratuitos, "
        "únase a una coalición y reciba actualizaciones por correo electrónico.",
        "body": """No necesita ser experto para ayudar a una víctima de la trata de personas. La mayoría de las víctimas
nunca pide ayuda. Se les encuentra porque alguien cercano notó las señales e hizo una llamada. Estas son cinco cosas
que puede hacer, solo o con su lugar de trabajo, su grupo religioso o su comunidad.

## 1. Conozca las señales

Una persona puede ser víctima si otra persona la controla, si no puede dejar su trabajo o si no tiene su propio
pasaporte o identificación. [Lea las señales que debe buscar](/es/pages/recognizing-the-signs/) y la orientación para
[proveedores de atención médica](/es/pages/health-care-providers/), [proveedores de servicios
sociales](/es/pages/social-service-providers/) y [las fuerzas del orden](/es/pages/law-enforcement/).

## 2. Comparta el número de la línea directa

La Línea Directa Nacional contra la Trata de Personas es el **1-888-373-7888**. También puede enviar un mensaje de
texto al **233733**. Atiende de día y de noche, en español y en más de 200 idiomas. Guarde el número en su teléfono.
Póngalo donde lo vean las personas que lo puedan necesitar.

## 3. Pida materiales gratuitos

La campaña tiene carteles, folletos, tarjetas de bolsillo y tarjetas de señales en inglés y en español. También tiene
kits de herramientas para la atención médica, los servicios sociales y las fuerzas del orden, y una presentación de
una hora para una clase o una reunión del personal. [Haga un pedido gratuito o imprímalos en casa](/es/materials/). No
necesita una cuenta.

## 4. Únase a una coalición o forme una

Las coaliciones de Rescue & Restore empezaron en 2004 y 2005. Con el tiempo, hubo coaliciones en 24 ciudades, regiones
y estados. Reúnen a gobiernos locales, grupos cívicos, iglesias y otros grupos religiosos, grupos étnicos y de
inmigrantes, grupos de mujeres, sindicales y de inmigración, proveedores de salud comunitarios y grupos de servicios
sociales. Muchas trabajan con un grupo de trabajo de las fuerzas del orden contra la trata de personas.

- [Encuentre una coalición cerca de usted](/es/coalitions/) y pregunte cómo puede ayudar.
- ¿Su coalición tiene al menos 10 miembros de varios sectores? ¿Trabaja contra la trata sexual y la trata laboral?
  Entonces puede [solicitar su afiliación a la campaña](/es/coalitions/request/). El HHS decide sobre cada solicitud.
- ¿Su comunidad todavía no tiene una coalición? Use [el mismo formulario](/es/coalitions/request/) para decírnoslo.
  Le enviaremos orientación y los kits de herramientas de la campaña.

## 5. Reciba actualizaciones por correo electrónico

La División contra la Trata de Personas del HHS envía correos electrónicos de vez en cuando. Traen noticias sobre la
trata de personas y oportunidades de capacitación y financiamiento. [Suscríbase a las actualizaciones por correo
electrónico](/es/listserv/). Puede cancelarlas con un clic.
""",
    },
    # The demo's own versions of three required pages, used only where seed_demo itself creates them.
    "about-this-site": {
        "title": "Acerca de este sitio",
        "summary": "Quién administra Rescue & Restore y cómo se mantiene actualizado el sitio.",
        "body": """Este sitio lo administra la División contra la Trata de Personas del Departamento de Salud y Servicios
Humanos de los EE. UU. El personal revisa cada página al menos una vez al año; cada página muestra cuándo se publicó y
cuándo se revisó por última vez.

Este es un sitio de demostración. Los listados de coaliciones, las existencias y los datos de los pedidos son
inventados.
""",
    },
    "accessibility": {
        "title": "Declaración de accesibilidad",
        "summary": "Queremos que todas las personas puedan usar este sitio, incluidas las personas con discapacidad.",
        "body": """Nuestro objetivo es cumplir con la Sección 508 y con las Pautas de Accesibilidad para el Contenido Web
(WCAG) 2.1 en el nivel AA. Cada página pública se revisa con una auditoría automática de accesibilidad antes de
publicarse.

Si algo en este sitio no le funciona, díganoslo por medio del [formulario de contacto](/es/contact/) e indique en qué
página estaba y qué intentaba hacer. Le responderemos en un plazo de cinco días hábiles.
""",
    },
    "privacy": {
        "title": "Política de privacidad",
        "summary": "Qué datos recopilamos cuando usted hace un pedido de materiales, se comunica con nosotros o se "
        "suscribe, y qué hacemos con ellos.",
        "body": """Recopilamos solo lo que necesitamos para hacer lo que usted nos pide: una dirección de envío para
mandarle materiales, un correo electrónico para responderle o para enviarle las actualizaciones que pidió. No vendemos
ni compartimos esos datos, y no usamos cookies de seguimiento ni servicios de análisis de terceros. Ninguna página de
este sitio carga nada de otro sitio web. Cuando usted elige materiales para pedir, una cookie guarda su lista hasta
por ocho horas, hasta que hace el pedido; no contiene datos personales.

Los registros de pedidos y de contacto se guardan durante tres años y luego se eliminan. Puede cancelar la
suscripción a las actualizaciones por correo electrónico con un solo clic desde cualquier mensaje.
""",
    },
}
