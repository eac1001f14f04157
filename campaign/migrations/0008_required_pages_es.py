# ruff: noqa: E501 (page prose reads better unwrapped)
"""The Spanish versions of the pages a federal site must have (migration 0003), for production too.

0003 creates the privacy policy, accessibility statement, About, FOIA and No FEAR
Act pages in English; on /es/ they showed the English text under the "not yet
translated" notice. This gives each its Spanish, but only while the page has no
Spanish yet and its English is still the text 0003 wrote: staff own these pages,
so a page they have rewritten never gets a translation of what it used to say,
and Spanish they wrote is never replaced. Frozen here, as 0003's English is.
"""

from importlib import import_module

from django.db import migrations

from rescue_restore.text.markdown import render_markdown

PAGES_ES = {
    "about-this-site": {
        "title": "Acerca de este sitio",
        "summary": "Quién administra Rescue & Restore, para qué sirve el sitio y cómo se mantiene actualizado.",
        "body": """Rescue & Restore es una campaña de concientización pública de la División contra la Trata de Personas
del Departamento de Salud y Servicios Humanos de los EE. UU. (HHS). Ayuda a las personas que pueden encontrarse con
víctimas de la trata de personas, como los proveedores de atención médica, el personal de servicios sociales, los
agentes del orden y los grupos comunitarios, a reconocer las señales y a poner a las víctimas en contacto con quienes
pueden ayudarlas.

Si usted o alguien que conoce podría ser víctima de la trata de personas, llame a la Línea Directa Nacional contra la
Trata de Personas al 1-888-373-7888 o envíe un mensaje de texto al 233733. La línea directa atiende todos los días, a
cualquier hora, en español y en más de 200 idiomas.

## Lo que puede hacer aquí

- Leer orientación escrita para su trabajo o su comunidad.
- Hacer un pedido de materiales impresos gratuitos de la campaña, o imprimirlos en casa.
- Encontrar una coalición contra la trata de personas cerca de usted, o solicitar la afiliación de la suya a la
  campaña.
- Suscribirse a las actualizaciones por correo electrónico sobre oportunidades de capacitación y financiamiento.

## Cómo mantenemos el sitio actualizado

El personal revisa cada página al menos una vez al año. Cada página muestra cuándo se publicó y cuándo se revisó por
última vez. Si algo está mal o desactualizado, avísenos por medio del [formulario de contacto](/es/contact/).
""",
    },
    "accessibility": {
        "title": "Declaración de accesibilidad",
        "summary": "Nuestro compromiso de que todas las personas, incluidas las personas con discapacidad, puedan usar "
        "este sitio.",
        "body": """El HHS se compromete a que este sitio web sea accesible para todas las personas, incluidas las personas
con discapacidad, como lo exige la Sección 508 de la Ley de Rehabilitación.

## Nuestra norma

Creamos y probamos este sitio para que cumpla con las Normas Revisadas de la Sección 508, que incluyen las Pautas de
Accesibilidad para el Contenido Web (WCAG) 2.0 en el nivel AA. También procuramos cumplir con las WCAG 2.1 en el nivel
AA. Cada página pública se revisa con una prueba automática de accesibilidad antes de publicarse, y probamos las
tareas principales, como hacer un pedido de materiales, solo con el teclado y con un lector de pantalla.

## Lo que puede esperar

- Todas las páginas funcionan solo con el teclado.
- Las imágenes que transmiten información tienen descripciones en texto.
- Los formularios indican para qué sirve cada campo y explican cualquier error con palabras.
- El texto se puede ampliar al doble de su tamaño sin que se pierda contenido.
- Nada en este sitio parpadea ni se mueve sin que usted lo controle.

## Limitaciones conocidas

Algunos materiales impresos más antiguos se ofrecen como archivos PDF que podrían no ser totalmente accesibles. Si
necesita un material en otro formato, como letra grande, texto simple o un archivo electrónico accesible, pídanoslo y
se lo proporcionaremos.

## Infórmenos sobre un problema

Si alguna parte de este sitio no le funciona, avísenos por medio del [formulario de contacto](/es/contact/). Indique
en qué página estaba, qué intentaba hacer y qué tecnología de asistencia usa, si usa alguna. Le responderemos en un
plazo de cinco días hábiles.

También puede leer sobre la accesibilidad en todo el HHS, y sobre cómo presentar una queja conforme a la Sección 508,
en la [página de la Sección 508 del HHS](https://www.hhs.gov/web/section-508/index.html) (en inglés).
""",
    },
    "privacy": {
        "title": "Política de privacidad",
        "summary": "Qué datos recopilamos cuando usted hace un pedido de materiales, se comunica con nosotros o se "
        "suscribe, por qué, quién los ve y cuánto tiempo los guardamos.",
        "body": """Recopilamos solo la información personal que necesitamos para hacer lo que usted nos pide. No la
vendemos, no la usamos con fines publicitarios y no la compartimos fuera del HHS, salvo cuando la ley lo exige.

## Qué recopilamos y por qué

- **Cuando hace un pedido de materiales:** su nombre, su organización, su correo electrónico, su número de teléfono y
  su dirección de envío, y para qué piensa usar los materiales. Los usamos para enviarle el pedido, para comunicarnos
  con usted sobre él y para informarle su estado. Contamos los pedidos por estado, mes y tipo de organización para
  planificar la impresión; esos conteos no identifican a nadie.
- **Cuando se comunica con nosotros:** su nombre, su correo electrónico, su organización y su mensaje, para poder
  responderle.
- **Cuando solicita la afiliación de una coalición:** el nombre, el cargo, el correo electrónico y el número de
  teléfono de la persona de contacto, y lo que nos cuenta sobre la coalición, para poder revisar la solicitud y
  responderle. Los datos que usted acepta publicar aparecen en el directorio público de coaliciones.
- **Cuando se suscribe a las actualizaciones por correo electrónico:** su correo electrónico, su nombre si nos lo da,
  y los temas que elige. Primero le enviamos un mensaje de confirmación; no le enviamos nada más hasta que usted
  confirme.

Darnos esta información es voluntario, pero sin ella no podemos enviar un pedido, responder un mensaje ni enviar
actualizaciones.

## Quién la ve

Solo el personal y los contratistas del HHS que la necesitan para la tarea que usted pidió: el personal de
distribución ve los pedidos, el personal de coaliciones ve las solicitudes de afiliación y el personal que envía las
actualizaciones por correo electrónico ve la lista de suscriptores. Nuestro servicio de correo electrónico entrega los
mensajes que le enviamos y nos avisa cuando un mensaje no se puede entregar. Las cuentas del personal están protegidas
con un inicio de sesión de varios factores.

## Cuánto tiempo la guardamos

- Los nombres, las direcciones, los correos electrónicos y los números de teléfono de los pedidos se borran 18 meses
  después de que el pedido se envió, se canceló o se rechazó.
- Los mismos datos de las solicitudes de coaliciones y de los mensajes de contacto se borran 18 meses después de que
  se cerró la solicitud o se recibió el mensaje.
- Si no confirma su suscripción a las actualizaciones por correo electrónico, su dirección se borra cuando vence el
  enlace de confirmación, a los siete días.
- Si cancela la suscripción, o si nuestros mensajes no le llegan una y otra vez, su dirección se borra 12 meses
  después. Si marcó nuestros mensajes como correo no deseado, guardamos su dirección durante esos 12 meses solo para
  no volver a escribirle.
- Las copias de los mensajes que le enviamos se borran 30 días después de que se entregaron o de que no se pudieron
  entregar.

Guardamos conteos anónimos (cuántos pedidos, cuántos suscriptores) después de borrar los datos personales.

## Cookies

Este sitio no usa cookies de seguimiento, cookies publicitarias ni servicios de análisis de otras empresas, y ninguna
página carga nada de otro sitio web. Usamos solo las cookies que el sitio necesita para funcionar:

- **csrftoken** protege nuestros formularios para que otros sitios web no puedan enviarlos. No contiene información
  personal y dura hasta un año.
- **messages** lleva una confirmación de un solo uso (como “Gracias, su informe se envió”) a la siguiente página que
  usted abre, y luego se borra.
- **sessionid** se crea solo cuando usted envía una solicitud de una coalición, para mostrarle su número de
  referencia, o cuando el personal inicia sesión. Contiene un identificador aleatorio y dura como máximo un día.

## Enlaces en nuestros correos electrónicos

Los enlaces de nuestros correos electrónicos (para confirmar una suscripción, cambiar sus preferencias o ver el estado
de un pedido) contienen un código privado. No reenvíe esos mensajes. Las páginas que se abren con uno de esos enlaces
nunca quedan guardadas en la memoria caché de su navegador ni en los buscadores.

## Sus derechos

Puede pedirnos ver o corregir la información que tenemos sobre usted, o pedirnos que la borremos antes, por medio del
[formulario de contacto](/es/contact/). Puede cancelar la suscripción a las actualizaciones por correo electrónico con
un solo clic desde cualquiera de ellas. Para solicitar registros conforme a la Ley de Libertad de Información o a la
Ley de Privacidad, consulte nuestra [página sobre la FOIA](/es/pages/foia/).

## Seguridad

Protegemos la información que usted nos da con cifrado durante la transmisión, acceso restringido del personal y
revisiones de seguridad periódicas. Si encuentra una falla de seguridad, siga nuestra [política de divulgación de
vulnerabilidades](/es/vulnerability-disclosure/).

## Menores de edad

Este sitio está dirigido a adultos. No recopilamos a sabiendas información de niños menores de 13 años.

## Cambios a esta política

Si cambiamos esta política, publicaremos aquí la nueva versión con una nueva fecha de revisión.
""",
    },
    "foia": {
        "title": "Ley de Libertad de Información (FOIA)",
        "summary": "Cómo pedirle registros al HHS conforme a la Ley de Libertad de Información.",
        "body": """La Ley de Libertad de Información (FOIA, por sus siglas en inglés) le da el derecho de pedir registros a
las agencias federales, incluido el HHS. Algunos registros están protegidos y no se divulgan, por ejemplo, para
proteger la privacidad de las personas, pero el HHS divulga todo lo que la ley permite.

## Antes de hacer su solicitud

Mucho de lo que la gente pide ya es público. Los materiales de la campaña, la orientación y los listados de
coaliciones están en este sitio, y el HHS publica en su biblioteca de la FOIA los registros que se piden con
frecuencia.

## Cómo hacer una solicitud

Las solicitudes de registros sobre la campaña Rescue & Restore y sobre la División contra la Trata de Personas se
dirigen al HHS. Visite la [página de la FOIA del HHS](https://www.hhs.gov/foia/index.html) (en inglés) para presentar
una solicitud por internet, ver qué oficina se encarga de cada tipo de registro y consultar el estado de una solicitud
que ya hizo.

En su solicitud, describa los registros que desea con la mayor claridad posible: de qué tratan, qué fechas abarcan y
dónde cree que se guardan. No tiene que decir para qué los quiere.

## Registros sobre usted

Para ver los registros que el HHS tiene sobre usted, también puede presentar una solicitud conforme a la Ley de
Privacidad de 1974. La página de la FOIA del HHS explica cómo hacerlo.
""",
    },
    "no-fear-act": {
        "title": "Datos de la Ley No FEAR",
        "summary": "Los derechos de los empleados federales según la Ley No FEAR, y dónde publica el HHS sus datos.",
        "body": """La Ley de Notificación y Protección contra la Discriminación y las Represalias para los Empleados
Federales de 2002 (Notification and Federal Employee Antidiscrimination and Retaliation Act), conocida como Ley No
FEAR, hace que las agencias federales rindan más cuentas por la discriminación y las represalias contra sus
empleados.

Según esta ley, los empleados federales, los exempleados y los solicitantes de empleos federales están protegidos
contra la discriminación por motivos de raza, color, religión, sexo (incluidos el embarazo, la orientación sexual y
la identidad de género), origen nacional, edad, discapacidad o información genética, y contra las represalias por
denunciar irregularidades o por participar en una queja.

Cada agencia debe informar a sus empleados sobre estos derechos y publicar datos sobre las quejas presentadas en su
contra. El HHS publica su [aviso de la Ley No FEAR y los datos sobre quejas](https://www.hhs.gov/about/agencies/asa/eeo/no-fear-act/index.html)
(en inglés).

Si usted es empleado del HHS o solicitante de empleo y cree que lo discriminaron, comuníquese con un consejero de
Igualdad de Oportunidades en el Empleo del HHS dentro de los 45 días posteriores a lo ocurrido.
""",
    },
}


def add_spanish(apps, schema_editor):
    Page = apps.get_model("campaign", "Page")
    english = {page["slug"]: page for page in import_module("campaign.migrations.0003_required_pages").PAGES}
    for slug, spanish in PAGES_ES.items():
        page = Page.objects.filter(slug=slug).first()
        if page is None or page.body_es or page.body_en != english[slug]["body"]:
            continue
        page.title_es = spanish["title"]
        page.summary_es = spanish["summary"]
        page.body_es = spanish["body"]
        page.body_html_es = render_markdown(spanish["body"])
        page.save(update_fields=["title_es", "summary_es", "body_es", "body_html_es"])


class Migration(migrations.Migration):
    dependencies = [
        ("campaign", "0007_translated_labels"),
    ]

    operations = [
        migrations.RunPython(add_spanish, migrations.RunPython.noop),
    ]
