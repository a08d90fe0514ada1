import type { ServerTranslationShape } from "./index";

/** Spanish texts only the server needs (see server-en.ts). */
const esServer: ServerTranslationShape = {
  email: {
    quote_link: {
      subject: "Sus propuestas de servidores de SpecDesk",
      body: "Hola, {{name}}:\n\nSus propuestas de servidores están listas y le adjuntamos su PDF. Su enlace privado (todos los enlaces que le enviamos sobre este presupuesto funcionan; no los comparta):\n{{link}}\n\nEl equipo de SpecDesk",
    },
    link_request: {
      subject: "Los enlaces a sus presupuestos de SpecDesk",
      body: "Hola, {{name}}:\n\nAquí tiene los enlaces a sus presupuestos que ha pedido, del más reciente al más antiguo. Cada uno es privado; guárdelo bien:\n\n{{links}}\n\nSi no los ha pedido, puede ignorar este correo.\n\nEl equipo de SpecDesk",
      line: "Presupuesto {{reference}} del {{date}} ({{amount}}): {{link}}",
      amountFrom: "desde {{amount}} al mes",
      amountNone: "aún sin precio",
    },
    claimed: {
      subject: "Un técnico está trabajando en su presupuesto",
      body: "Hola, {{name}}:\n\nUn técnico se ha hecho cargo de su solicitud y se pondrá en contacto con usted. Siga su progreso aquí:\n{{link}}\n\nEl equipo de SpecDesk",
    },
    staff_message: {
      subject: "Un mensaje sobre su presupuesto de SpecDesk",
      body: "Hola, {{name}}:\n\nNuestro técnico ha escrito:\n\n{{message}}\n\nResponda o siga su presupuesto aquí:\n{{link}}\n\nEl equipo de SpecDesk",
    },
    published: {
      subject: "Sus propuestas han sido confirmadas",
      body: "Hola, {{name}}:\n\nNuestro técnico ha revisado y confirmado sus propuestas; le adjuntamos su PDF:\n{{link}}\n\nEl equipo de SpecDesk",
    },
    incident_opened: {
      subject: "{{reference}}: estamos resolviendo un problema en su servicio",
      body: "Hola, {{name}}:\n\nHemos detectado un problema que afecta a su servicio: {{title}}.\n\nEstado: {{state}}\n{{body}}\n\nPróxima actualización: {{next}}.\n\nSígalo en directo en su cuenta:\n{{account}}\n\nEl equipo de SpecDesk",
    },
    incident_reported: {
      subject: "{{reference}}: hemos recibido su aviso",
      body: "Hola, {{name}}:\n\nGracias por avisarnos: {{title}}. Hemos avisado al técnico de guardia, que le responderá antes de: {{next}}.\n\nLo que nos escribió:\n{{body}}\n\nSígalo en directo en su cuenta:\n{{account}}\n\nEl equipo de SpecDesk",
    },
    incident_update: {
      subject: "{{reference}}: {{state}}",
      body: "Hola, {{name}}:\n\nNovedades sobre {{title}}.\n\nEstado: {{state}}\n{{body}}\n\nPróxima actualización: {{next}}.\n\nSígalo en directo en su cuenta:\n{{account}}\n\nEl equipo de SpecDesk",
    },
    incident_resolved: {
      subject: "{{reference}} resuelto: {{title}}",
      body: "Hola, {{name}}:\n\nEl problema está resuelto: {{title}}.\n\n{{body}}\n\nQué pasó y qué vamos a cambiar:\n{{summary}}\n\nSu cuenta:\n{{account}}\n\nEl equipo de SpecDesk",
    },
    renewal_priced: {
      subject: "Su servicio continúa tras el plazo: {{amount}} al mes desde el {{date}}",
      body: "Hola, {{name}}:\n\nSu plazo de {{months}} meses termina el {{date}}. Como eligió, el servicio continúa entonces mes a mes, con el precio vigente para su configuración: {{amount}} al mes (hasta ahora {{previous}}). No cambia nada más.\n\nSi prefiere que el servicio termine con el plazo, cancélelo en su página de facturación antes del {{date}}:\n{{billing}}\n\nEl equipo de SpecDesk",
    },
    upgrade_ordered: {
      subject: "Su ampliación está encargada",
      body: "Hola, {{name}}:\n\nGracias: ha encargado la ampliación de su servicio en marcha. Hoy no se ha cobrado nada. Nuestros técnicos la están preparando y le avisarán cuando se la entreguen; desde ese día paga el nuevo precio mensual, y la factura de ese día incluye la cuota de alta y la diferencia por lo que queda de ese mes de facturación. Su plazo no cambia.\n\nSu presupuesto:\n{{link}}\n\nEl equipo de SpecDesk",
    },
    accepted: {
      subject: "Ha aceptado su propuesta de SpecDesk",
      body: "Hola, {{name}}:\n\nGracias por aceptar. Si aún no ha pagado, puede pagar la cuota de alta desde la página de su presupuesto (la facturación mensual empieza cuando le entreguemos los servidores):\n{{link}}\n\nEl equipo de SpecDesk",
    },
    paid: {
      subject: "Pago recibido: sus servidores están en camino",
      body: "Hola, {{name}}:\n\nHemos recibido su pago de {{amount}} ({{reference}}). Nuestros técnicos están preparando sus servidores y le enviarán los datos de acceso.\n\nSu recibo:\n{{receipt}}\n\nSu presupuesto:\n{{link}}\n\nEl equipo de SpecDesk",
    },
    payment_failed: {
      subject: "Su pago no se ha completado",
      body: "Hola, {{name}}:\n\nSu pago no se ha completado. Puede intentarlo de nuevo desde la página de su presupuesto:\n{{link}}\n\nEl equipo de SpecDesk",
    },
    renewal_failed: {
      subject: "Su pago mensual no se ha completado",
      body: "Hola, {{name}}:\n\nNo hemos podido cargar {{amount}} de la factura {{number}} en su tarjeta (intento {{attempt}}). Lo intentaremos de nuevo el {{next}}. Para evitar cualquier interrupción, revise o cambie su tarjeta en su cuenta:\n{{billing}}\n\nEl equipo de SpecDesk",
    },
    renewal_failed_final: {
      subject: "Acción necesaria: su pago mensual está vencido",
      body: "Hola, {{name}}:\n\nNo hemos podido cargar {{amount}} de la factura {{number}} tras {{attempt}} intentos y no volveremos a intentarlo automáticamente. Su servicio sigue funcionando por ahora, pero un técnico valorará suspenderlo. Pague la factura desde su cuenta (donde también puede cambiar su tarjeta), o responda a este correo:\n{{billing}}\n\nEl equipo de SpecDesk",
    },
    renewal_suspended: {
      subject: "Su servicio está suspendido hasta que se pague la factura vencida",
      body: "Hola, {{name}}:\n\nTras varios intentos no hemos podido cobrar su pago mensual, así que nuestro técnico ha suspendido su servicio. Conservamos sus servidores y sus datos; no se borra nada. En cuanto se pague la factura (páguela desde su cuenta, donde también puede cambiar su tarjeta) reactivamos el servicio:\n{{billing}}\n\nEl equipo de SpecDesk",
    },
    renewal_recovered: {
      subject: "Gracias: su pago se ha completado",
      body: "Hola, {{name}}:\n\nHemos recibido {{amount}}. Ya no tiene nada pendiente. Sus facturas están en su cuenta:\n{{billing}}\n\nEl equipo de SpecDesk",
    },
    sign_in: {
      subject: "Acceda a su cuenta de SpecDesk",
      body: "Hola:\n\nAlguien (esperamos que usted) ha pedido acceder a su cuenta de SpecDesk. Este enlace funciona una sola vez, durante 15 minutos:\n{{link}}\n\nSi no lo ha pedido, ignore este correo: sin el enlace no ocurre nada.\n\nEl equipo de SpecDesk",
    },
    provisioning_started: {
      subject: "Estamos preparando sus servidores",
      body: "Hola, {{name}}:\n\nUn técnico ha empezado a preparar sus servidores. Cada uno se instala y se prueba con lo que ha contratado antes de entregárselo; prevemos terminar el {{due}}.\n\nAñada ahora en su cuenta las claves públicas SSH de quienes vayan a acceder: las instalamos en los servidores (nunca fijamos ni enviamos una contraseña):\n{{account}}\n\nSu presupuesto:\n{{link}}\n\nEl equipo de SpecDesk",
    },
    signed_off: {
      subject: "Gracias: entrega conforme",
      body: "Hola, {{name}}:\n\nGracias por dar su conformidad a la entrega de sus servidores. Ya están en servicio; su cuenta los muestra, con los resultados de las pruebas y cómo contactar con soporte:\n{{account}}\n\nEl equipo de SpecDesk",
    },
    problem_reported: {
      subject: "Hemos recibido su aviso de problema",
      body: "Hola, {{name}}:\n\nGracias por avisarnos. Nuestro técnico ha reabierto la entrega y se pondrá en contacto con usted. Lo que nos escribió:\n\n{{message}}\n\nSu cuenta: {{account}}\n\nEl equipo de SpecDesk",
    },
    handed_over: {
      subject: "Sus servidores están listos",
      body: "Hola, {{name}}:\n\nHemos instalado sus servidores y los hemos comprobado frente a lo que contrató. Su cuenta muestra cada servidor, sus resultados y cómo acceder con las claves SSH que ha añadido:\n{{account}}\n\nDé allí su conformidad, o díganos si algo no está bien.\n\nSu presupuesto:\n{{link}}\n\nEl equipo de SpecDesk",
    },
    declined: {
      subject: "Sobre su presupuesto de SpecDesk",
      body: "Hola, {{name}}:\n\nLo sentimos, no podemos ofrecer esta solicitud. El motivo de nuestro técnico:\n\n{{message}}\n\nSu presupuesto: {{link}}\n\nEl equipo de SpecDesk",
    },
  },
  /** The planner's sentences (app/domain/migration-plan.ts): the API and the quote page's loader word them. */
  rules: {
    "migration.assumed_data": "Datos a mover no indicados: planificamos con {{gb}} GB, lo que guardan hoy sus cargas.",
    "migration.assumed_databases":
      "Bases de datos de sus cargas: {{count}}, sin versión, así que volcado y restauración; con sus versiones quizá podamos replicar.",
    "migration.assumed_uplink":
      "Enlace del servidor antiguo no indicado: suponemos {{mbps}} Mbit/s, por el lado prudente.",
    "migration.assumed_time_zone": "Sin zona horaria: planificamos en {{zone}}.",
    "migration.transfer":
      "{{gb}} GB por {{mbps}} Mbit/s al {{percent}} % de la línea: unas {{hours}} h para la primera copia.",
    "migration.disk_cap":
      "Un disco lee unos {{gbit}} Gbit/s (150 MB/s), así que la copia no va más rápido, ni con {{mbps}} Mbit/s.",
    "migration.small_files": "Muchos archivos pequeños se copian más despacio: tiempo de copia ×{{factor}}.",
    "migration.files_two_phase":
      "Archivos ({{gb}} GB): primero una copia en caliente (unas {{hours}} h) y en la ventana solo los cambios (un {{percent}} %): unos {{minutes}} min.",
    "migration.db_logical_replication":
      "{{database}} ({{gb}} GB): replicación lógica, cambio en unos {{minutes}} min (volcado y restauración: {{dumpMinutes}} min). Cada tabla necesita clave primaria.",
    "migration.db_gtid_replication":
      "{{database}} ({{gb}} GB): replicación GTID por VPN o TLS, cambio en unos {{minutes}} min (volcado y restauración: {{dumpMinutes}} min).",
    "migration.db_dump_faster":
      "{{database}} ({{gb}} GB): volcado y restauración, unos {{minutes}} min, tan rápido como cambiar a una réplica ({{replicationMinutes}} min).",
    "migration.db_dump_no_version":
      "{{database}} ({{gb}} GB): sin versión, volcado y restauración, unos {{minutes}} min de corte (restauración a {{factor}}× la copia). Desde {{minVersion}} podemos replicar.",
    "migration.db_dump_old_version":
      "{{database}} ({{gb}} GB): replicar requiere {{minVersion}}, así que volcado y restauración, unos {{minutes}} min de corte (restauración a {{factor}}× la copia).",
    "migration.db_dump_engine":
      "{{database}} ({{gb}} GB): volcado y restauración, unos {{minutes}} min de corte (restauración a {{factor}}× la copia).",
    "migration.db_dump_other":
      "Su base de datos ({{gb}} GB): volcado y restauración, unos {{minutes}} min de corte (restauración a {{factor}}× la copia).",
    "migration.pg_slots": "PostgreSQL {{version}} conserva sus slots lógicos con pg_upgrade.",
    "migration.downtime":
      "Corte estimado: unos {{minutes}} min ({{switchMinutes}} min para parar, cambiar DNS y direcciones y arrancar, más la sincronización final).",
    "migration.window": "Cambio en su ventana: {{days}} {{start}}–{{end}} ({{zone}}), {{hours}} h.",
    "migration.window_default":
      "Cambio fuera de horario: {{days}} {{start}}–{{end}} ({{zone}}), {{hours}} h; díganos si le conviene otra ventana.",
    "migration.window_dst":
      "La noche en que se adelanta la hora la ventana dura {{hours}} h; el cambio sigue cabiendo.",
    "migration.window_dst_skip":
      "La noche en que se adelanta la hora la ventana dura solo {{hours}} h: no haremos el cambio esa noche.",
    "migration.window_none":
      "El cambio más la vuelta atrás (unos {{minutes}} min) no cabe en sus ventanas (la mayor, {{hours}} h): un técnico acordará una con usted.",
    "migration.no_fit":
      "Ningún método cabe en {{max}} min de corte: el cambio más corto lleva unos {{minutes}} min. Un técnico lo planificará con usted.",
    "migration.contract_ends":
      "Su contrato antiguo termina el {{date}}: haga el cambio antes del {{latest}} para que el servidor antiguo siga {{hours}} h y quede archivado.",
    "migration.provider_deletion":
      "No cancele el servidor antiguo antes de archivarlo: los proveedores borran los datos, copias incluidas, entre 24 h y 7 días tras el fin.",
    "migration.status":
      "Le informamos cada {{minutes}} min durante el cambio y {{perDay}} veces al día mientras validamos.",
    "migration.milestone.restore_test":
      "{{days}} días antes como muy tarde: prueba de restauración de sus copias actuales, documentada.",
    "migration.milestone.plan":
      "{{weeks}} semanas antes: plan, inventario, dependencias y criterios para volver atrás.",
    "migration.milestone.lower_ttl":
      "{{hours}} h antes: bajar el TTL de DNS a {{ttl}} s (usted o su proveedor de DNS).",
    "migration.milestone.lower_ttl_registrar":
      "{{hours}} h antes: usted baja el TTL de DNS a {{ttl}} s en el panel de su registrador; allí se cambian también los registros el día del cambio.",
    "migration.milestone.lower_ttl_dns_service":
      "{{hours}} h antes: usted baja el TTL de DNS a {{ttl}} s en su servicio de DNS (Cloudflare, Route 53 …); allí se cambian también los registros el día del cambio.",
    "migration.milestone.lower_ttl_old_provider":
      "{{hours}} h antes: su proveedor actual baja el TTL de DNS a {{ttl}} s cuando usted se lo pida. Pídalo con tiempo: los proveedores antiguos pueden tardar y borrar la zona al terminar el contrato, así que planifique trasladar antes la zona (a su registrador, a un servicio de DNS o a nosotros).",
    "migration.milestone.lower_ttl_us":
      "{{hours}} h antes: nosotros bajamos el TTL de DNS a {{ttl}} s; gestionamos su DNS, así que también cambiamos los registros el día del cambio.",
    "migration.milestone.traffic": "{{hours}} h antes: servidores nuevos con tráfico real o reproducido.",
    "migration.milestone.freeze": "{{hours}} h antes: contenidos congelados hasta el cambio.",
    "migration.milestone.cutover": "Cambio desde las {{start}} ({{zone}}): unos {{minutes}} min de corte.",
    "migration.milestone.cutover_unscheduled":
      "Cambio: unos {{minutes}} min de corte, en una ventana acordada con un técnico.",
    "migration.milestone.acceptance":
      "Comprobaciones de aceptación, cada una registrada como superada o no: CPU, RAM y discos según la propuesta; sumas de verificación, archivos y filas coinciden; replicación al día; funcionan accesos, transacciones, API, tareas cron y webhooks; temporizadores trasladados; listas de IP al día; copias y monitorización activas.",
    "migration.milestone.go_no_go":
      "Decisión final a las {{time}}: si fallan las comprobaciones, volvemos al servidor antiguo ({{minutes}} min, medidos en un ensayo) dentro de la ventana.",
    "migration.milestone.raise_ttl":
      "Tras {{minutes}} min vigilando errores, y con la decisión tomada: subir de nuevo el TTL.",
    "migration.milestone.old_server_off": "{{hours}} h después: el servidor antiguo se apaga una vez archivado.",
    "migration.milestone.archive_deleted": "{{days}} días después: se borra el archivo del servidor antiguo.",
    "migration.labour_preparation":
      "{{hours}} h de técnico en horario laboral: {{baseHours}} h plan, inventario y listas, {{workloadHours}} h cargas, {{databaseHours}} h bases de datos, {{copyHours}} h vigilando la copia.",
    "migration.labour_cutover":
      "{{hours}} h de técnico en la ventana, a tarifa fuera de horario: el cambio ({{switchMinutes}} min), comprobaciones ({{checksMinutes}} min) y vigilancia ({{watchMinutes}} min).",
    "migration.archive":
      "Archivo final del servidor antiguo ({{gb}} GB), guardado {{days}} días: {{units}} × {{name}} durante un mes.",
    "migration.overlap":
      "Mantenga el servidor antiguo al menos {{hours}} h tras el cambio; su proveedor lo factura durante unos {{months}} mes. Nosotros no; el primer mes de sus servidores nuevos ya está en el precio mensual.",
  },
  yourMove: {
    title: "Su traslado",
    intro:
      "Cómo trasladamos lo que funciona en su servidor actual, qué hace usted y cuándo, y cómo podemos volver atrás.",
    method: "Método",
    methods: {
      two_phase_sync: "Copia en dos fases: todo se copia en caliente primero y durante el cambio solo los cambios",
      logical_replication: "Replicación lógica de PostgreSQL y después un cambio breve",
      gtid_replication: "Replicación GTID de MySQL/MariaDB y después un cambio breve",
      dump_restore: "Volcado y restauración durante el cambio",
    },
    methodShort: {
      two_phase_sync: "copia en caliente y luego los cambios",
      logical_replication: "replicación lógica",
      gtid_replication: "replicación GTID",
      dump_restore: "volcado y restauración",
    },
    downtime: "Corte estimado",
    downtimeTotal:
      "Unos {{minutes}} min en total, incluidos {{switchMinutes}} min para parar, cambiar DNS y direcciones y arrancar de nuevo.",
    downtimeOverridden: "Unos {{minutes}} min en total, según ha fijado nuestro técnico.",
    part: "Qué se traslada",
    partMethod: "Cómo",
    partDowntime: "Servicio parado",
    files: "Archivos ({{gb}} GB)",
    database: "{{name}} ({{gb}} GB)",
    otherDatabase: "Su base de datos ({{gb}} GB)",
    about: "unos {{minutes}} min",
    instead: "volcado y restauración llevaría {{minutes}} min",
    firstCopy: "La primera copia lleva unas {{hours}} h mientras su servidor actual sigue funcionando.",
    window: "Ventana del cambio",
    windowText: "{{days}}, {{start}}–{{end}} ({{zone}})",
    windowNone: "Ninguna de sus ventanas admite el cambio y la vuelta atrás: un técnico acordará una con usted.",
    timeline: "Calendario",
    proposed:
      "Fechas propuestas (horas de {{zone}}), contadas desde el {{date}}: la primera ventana dentro de al menos 3 semanas que deja tiempo para cada paso previo. Las confirmamos con usted.",
    undated: "Las fechas se fijan cuando se acuerde una ventana para el cambio.",
    offsetBefore: "T − {{value}}",
    offsetAfter: "T + {{value}}",
    offsetZero: "T",
    weeks_one: "{{count}} semana",
    weeks_other: "{{count}} semanas",
    days_one: "{{count}} día",
    days_other: "{{count}} días",
    hours: "{{value}} h",
    who: { you: "Usted", us: "Nosotros", both: "Juntos" },
    youDo: "Qué hace usted",
    weDo: "Qué hacemos nosotros",
    you: {
      lower_ttl:
        "Baje el TTL de DNS de los registros que se trasladan a {{ttl}} s antes del {{when}} (usted o su proveedor de DNS).",
      freeze: "Congele los contenidos (sin subidas ni cambios) desde el {{when}} hasta el cambio.",
      test: "Pruebe su aplicación en los servidores nuevos desde el {{when}} y confirme las comprobaciones de aceptación tras el cambio.",
      raise_ttl: "Suba de nuevo el TTL de DNS tras la decisión final.",
      keep_old:
        "Mantenga el servidor antiguo y su contrato hasta el {{when}}: cancélelo solo cuando le confirmemos su archivo final.",
    },
    us: {
      plan: "Plan, inventario, dependencias y criterios para volver atrás, desde el {{when}}.",
      restore_test: "Una prueba de restauración de sus copias actuales, documentada, antes del {{when}}.",
      dns: "Bajamos el TTL de DNS de los registros que se trasladan a {{ttl}} s antes del {{when}} y lo subimos de nuevo tras la decisión final.",
      copy: "Copiamos sus datos en caliente mientras su servidor actual sigue funcionando (unas {{hours}} h).",
      switch: "El cambio el {{when}}, informándole cada {{minutes}} min, y después las comprobaciones de aceptación.",
      archive: "Archivamos los datos del servidor antiguo y guardamos el archivo {{days}} días.",
    },
    rollback: "Vuelta atrás",
    rollbackText:
      "Decisión final a las {{time}}: si fallan las comprobaciones de aceptación, volvemos a su servidor actual ({{minutes}} min) dentro de la ventana.",
    rollbackNone: "La hora de la decisión final se fija con la ventana.",
    retention: "Qué conservamos",
    retentionText:
      "Su servidor antiguo sigue funcionando {{hours}} h tras el cambio; su archivo final ({{gb}} GB) se guarda {{days}} días y después se borra.",
    contractEnds: "Su contrato antiguo termina el {{date}}: haga el cambio como muy tarde el {{latest}}.",
    lines: "Precio del traslado",
    linesNote: "Importes únicos, iguales en todas las propuestas, incluidos en el alta y en el total del periodo.",
    oneOff: "Único",
    total: "Total del traslado",
    why: "Por qué este plan",
    whyPlanner: "Cómo lo calculó primero el planificador (antes del cambio del técnico indicado arriba)",
    override: "Modificado por nuestro técnico",
    overrideReason: "Motivo: {{reason}}",
    overrideChanges: {
      method: "método",
      downtimeMinutes: "corte",
      preparationHours: "horas de preparación",
      cutoverHours: "horas en la ventana",
      window: "ventana",
    },
    overrideChanged: "Cambiado: {{what}}.",
  },
  homeFacts: {
    examplesTitle: "Precios de ejemplo",
    examplesLead:
      "Precios mensuales de servidores sueltos de nuestro catálogo, sin IVA. Su propuesta los combina según lo que usted necesite.",
    lines: {
      cloud: "Servidor en la nube",
      dedicated: "Servidor dedicado",
      high_memory: "Servidor con mucha memoria",
      storage: "Servidor de almacenamiento",
      gpu: "Servidor con GPU",
    },
    example: "{{name}}: {{vcpu}} hilos de CPU, {{ramGb}} GB de RAM, {{storage}}",
    from: "desde {{price}} al mes",
    whoTitle: "Quiénes somos",
    whereTitle: "Dónde funcionan sus servidores",
  },
  costTimeline: {
    title: "Coste durante el plazo",
    summary_one:
      "{{oneOff}} al aceptar y después {{monthly}} al mes durante {{count}} mes: {{total}} en todo el plazo.",
    summary_other:
      "{{oneOff}} al aceptar y después {{monthly}} al mes durante {{count}} meses: {{total}} en todo el plazo.",
    chartDescription: "Gráfico de barras con lo que cuesta cada mes, del mes 0 (al aceptar) al mes {{term}}.",
    month0: "Al aceptar (mes 0)",
    month: "Mes {{month}}",
    months: "Meses {{from}}–{{to}}",
    period: "Cuándo",
    amount: "Importe",
    oneOff: "{{amount}} único",
    perMonth: "{{amount}} al mes",
    notes: "Notas",
    overlap: "Su servidor antiguo sigue funcionando en su proveedor actual (lo paga a él).",
    upgrade: "Previsión: +{{amount}} al mes cuando se agote {{resource}} (no forma parte de este contrato).",
    resources: { vcpu: "la CPU", ramGb: "la memoria", storageGb: "el almacenamiento" },
    contractTotal: "Total del contrato: {{amount}}",
    withUpgrade: "Con la ampliación prevista: {{amount}}",
    discount: "Incluye el descuento por plazo de {{months}} meses de {{amount}} al mes.",
  },
  pdf: {
    download: "Descargar la propuesta en PDF (para reenviarla)",
    costTitle: "Coste durante el plazo, mes a mes",
    title: "Propuesta de servidores",
    reference: "Referencia",
    version: "Versión",
    date: "Fecha",
    validUntil: "Precios válidos hasta",
    preparedFor: "Preparada para",
    currency: "Moneda",
    whatYouNeed: "Lo que necesita",
    need: "{{vcpu}} hilos de CPU, {{ram}} GB de RAM, {{storage}} GB de almacenamiento, {{traffic}} TB de tráfico al mes, {{backup}} GB de copia de seguridad",
    proposal: "Propuesta: {{tier}}",
    notAcceptable: "Esta opción necesita un técnico antes de poder aceptarse.",
    item: "Concepto",
    qty: "Cant.",
    unitMonthly: "Unidad / mes",
    monthly: "Al mes",
    setup: "Alta",
    oneOff: "pago único",
    why: "Por qué: ",
    totals: "Totales",
    howWeSized: "Cómo lo hemos dimensionado",
    termsTitle: "Condiciones del servicio (versión {{version}})",
    vatNote:
      "Los precios no incluyen el IVA ni otros impuestos sobre las ventas, que se añaden a la factura cuando corresponde.",
    acceptanceTitle: "Aceptación",
    acceptanceText: "Aceptamos la propuesta marcada abajo según las condiciones del servicio, versión {{version}}.",
    chosenProposal: "Propuesta elegida",
    name: "Nombre",
    company: "Empresa",
    signature: "Firma",
    signedDate: "Fecha",
    poNumber: "Orden de compra",
    acceptOnline:
      "También puede aceptar y pagar en línea desde el enlace privado de su correo (no figura en este documento, que puede reenviar sin riesgo).",
    page: "Página {{page}} de {{pages}}",
    receiptTitle: "Recibo",
    receiptNumber: "Recibo",
    paidAt: "Pagado",
    paymentReference: "Referencia del pago",
    paidBy: "Pagado por",
    paidFor: "Concepto",
    paidForText: "Propuesta {{tier}}, versión {{version}}: alta y trabajos puntuales",
    amountPaid: "Importe pagado",
    vatTreatment: "IVA",
    vatTreatmentText:
      "Los importes no incluyen el IVA. Cuando corresponde se factura aparte; para una empresa de otro país de la UE se aplica la inversión del sujeto pasivo.",
    receiptLines: "Qué se ha pagado",
    receiptSetup: "Alta única",
    receiptFirstMonth: "Primer mes",
    remaining_one:
      "Después, {{count}} pago mensual de {{amount}}, que se carga en su tarjeta desde el día en que le entreguemos los servidores.",
    remaining_other:
      "Después, {{count}} pagos mensuales de {{amount}}, que se cargan en su tarjeta desde el día en que le entreguemos los servidores.",
    remainingNone: "No hay nada más pendiente en este plazo.",
  },
  incidents: {
    states: {
      investigating: "Investigando",
      identified: "Causa identificada",
      monitoring: "Solución aplicada, en observación",
      resolved: "Resuelto",
    },
    onChange: "en cuanto haya cualquier cambio",
    title: "Estado del servicio",
    none: "No hay ningún problema abierto en sus servicios.",
    item: "{{reference}} · {{title}}",
    service: "Servicio {{service}}",
    state: "Estado: {{state}}",
    next: "Próxima actualización antes de: {{time}}",
    waiting: "El técnico de guardia le responderá antes de: {{time}}",
    opened: "Avisado el {{time}}",
    resolvedAt: "Resuelto el {{time}}",
    summary: "Qué pasó: {{summary}}",
    report: {
      title: "¿Algo va mal?",
      lead: "Díganos qué está afectado: avisamos al momento al técnico de guardia, de día o de noche.",
      kind: "¿Cómo de grave es?",
      down: "El servicio no funciona",
      degraded: "Funciona, pero mal o lento",
      question: "Una pregunta o un problema menor",
      what: "Qué va mal (qué ve y desde cuándo)",
      submit: "Avisar del problema",
      sent: "Gracias: hemos avisado al técnico de guardia ({{reference}}). Las novedades aparecen abajo y por correo electrónico.",
    },
  },
  serviceCredits: {
    title: "Disponibilidad y créditos de servicio",
    promise:
      "Le garantizamos una disponibilidad del {{promised}} cada mes natural (meses en {{zone}}). El mantenimiento anunciado no cuenta como interrupción.",
    policy: {
      percent_per_30min:
        "Por debajo de la garantía usted recibe el {{percent}} de la cuota mensual ({{fee}}) por cada 30 minutos iniciados, hasta el {{cap}}.",
      hourly_refund:
        "Por debajo de la garantía usted recibe la parte por hora de la cuota mensual ({{fee}} al mes) por cada hora iniciada.",
      multiple_of_downtime:
        "Por debajo de la garantía usted recibe {{multiple}} veces la interrupción que la supera, a la tarifa por minuto de la cuota mensual ({{fee}} al mes), hasta la cuota mensual.",
    },
    month: "Mes",
    downtime: "Interrupción",
    availability: "Disponibilidad",
    credit: "Crédito",
    soFar: "{{month}} (hasta ahora)",
    minutes_one: "{{minutes}} minuto",
    minutes_other: "{{minutes}} minutos",
    none: "—",
    claim:
      "Puede reclamar un crédito hasta tres meses después del final de su mes: responda a cualquiera de nuestros correos.",
    asOf: "Datos a {{time}}.",
  },
  account: {
    title: "Su cuenta",
    signInTitle: "Acceda a su cuenta",
    signInLead:
      "Escriba la dirección de correo que usó para sus presupuestos. Le enviaremos un enlace para acceder: no necesita contraseña.",
    email: "Correo electrónico",
    sendLink: "Enviarme un enlace de acceso",
    linkSent:
      "Si tenemos presupuestos para esa dirección, le hemos enviado un enlace de acceso. Funciona una sola vez, durante 15 minutos.",
    signedOut: "Ha cerrado la sesión.",
    verifyTitle: "Acceder",
    verifyLead: "Pulse el botón para acceder desde este dispositivo.",
    verifyButton: "Acceder",
    linkDead: "Este enlace de acceso ha caducado o ya se ha usado. Pida uno nuevo.",
    askAgain: "Pedir un enlace nuevo",
    signedInAs: "Sesión iniciada como {{email}}",
    signOut: "Cerrar sesión",
    quotesTitle: "Sus presupuestos",
    quotesNone: "Aún no tiene presupuestos.",
    servicesTitle: "Sus servicios",
    servicesNone: "Aún no ha contratado nada: los servicios aparecen aquí cuando se paga una propuesta.",
    reference: "Referencia",
    created: "Creado",
    status: "Estado",
    price: "Precio",
    fromPrice: "desde {{amount}} al mes",
    noPrice: "—",
    open: "Abrir el presupuesto {{reference}}",
    service: "Propuesta {{tier}}: {{amount}} al mes durante {{months}} meses",
    delivery: { open: "En preparación", claimed: "En preparación", done: "Entregado", none: "En preparación" },
    upgradeOrderedOn: "Ampliación encargada el {{date}} (se factura con el servicio en marcha)",
    paidOn: "Pagado el {{date}}",
    billing: {
      link: "Facturación y facturas",
      title: "Facturación y facturas",
      none: "Aún no hay nada que facturar: la facturación mensual aparece aquí cuando se paga una propuesta.",
      service: "Propuesta {{tier}}, referencia {{reference}}: {{amount}} al mes",
      waiting: "La facturación mensual empieza el día en que le entreguemos los servidores, no antes.",
      next: "Próximo cargo: {{amount}} el {{date}}",
      noNext: "No hay más cargos.",
      card: "Tarjeta: {{brand}} terminada en {{last4}}",
      cardUnknown: "Tarjeta: no disponible en este momento",
      changeCard: "Cambiar la tarjeta",
      termEnds: "El plazo de {{months}} meses termina el {{date}}, y el servicio con él.",
      renews:
        "El plazo de {{months}} meses termina el {{date}}; después el servicio se renueva mes a mes hasta que lo cancele.",
      ends: "El servicio termina el {{date}}.",
      ended: "El servicio terminó el {{date}}.",
      cancel: "Cancelar al final del plazo",
      cancelled: "Hecho: su servicio terminará en la fecha indicada y después no se cobrará nada.",
      overdueBadge: "Pago vencido: vea la facturación",
      overdueFinal:
        "Hay un pago vencido desde el {{date}} y hemos dejado de intentar cobrarlo. Cambie su tarjeta y pague la factura de abajo, o póngase en contacto con nosotros.",
      pay: "Pagar la factura {{number}}",
      renewing:
        "El plazo de {{months}} meses terminó el {{date}}; el servicio continúa mes a mes hasta que lo cancele.",
      cancelMonth: "Cancelar al final del mes pagado",
      overdue: "Hay un pago vencido desde el {{date}}. Cambie su tarjeta: lo intentaremos de nuevo automáticamente.",
      invoicesTitle: "Facturas",
      invoicesNone: "Aún no hay facturas.",
      number: "Número",
      date: "Fecha",
      amount: "Importe",
      status: "Estado",
      document: "Factura",
      view: "Ver la factura {{number}}",
      statuses: { paid: "Pagada", open: "Pendiente", uncollectible: "No cobrada", void: "Anulada", draft: "Borrador" },
      retry: "Próximo intento el {{date}}",
      unavailable: "La facturación no está disponible en este momento. Inténtelo de nuevo más tarde.",
      back: "Volver a su cuenta",
    },
    handedOverStatus: "Pagado y entregado: vea sus servicios más arriba",
    keysTitle: "Claves SSH",
    keysLead:
      "Instalamos estas claves públicas en los servidores que le entregamos: así es como accede. Nunca fijamos, guardamos ni enviamos una contraseña.",
    keysNone:
      "Aún no hay claves. Añada la clave pública de cada persona que vaya a acceder (el archivo .pub, p. ej. ~/.ssh/id_ed25519.pub).",
    keyLabel: "Clave pública",
    keyAdd: "Añadir clave",
    keyAdded: "Clave añadida: {{fingerprint}}",
    keyRemove: "Quitar la clave {{fingerprint}}",
    keyRemoved: "Clave quitada.",
    keyLine: "{{type}}, {{bits}} bits, añadida el {{date}}",
    keyProblems: {
      private_key: "Esta es una clave privada: no la comparta nunca. Pegue la clave pública (el archivo .pub).",
      format: 'Esto no parece una clave pública de OpenSSH ("ssh-ed25519 AAAA… comentario").',
      type: "Use una clave Ed25519, ECDSA o RSA (las claves DSA ya no son seguras).",
      mismatch: "Los datos de la clave no coinciden con su tipo: copie de nuevo la línea completa.",
      too_small: "Las claves RSA deben tener al menos 2048 bits (se recomienda 3072 o Ed25519).",
      too_long: "Es demasiado largo para una clave pública.",
      duplicate: "Ya ha añadido esta clave.",
      limit: "Como máximo 20 claves por cuenta.",
    },
    handover: {
      title: "Sus servidores ({{reference}})",
      notYet:
        "Sus servidores aún se están preparando. Esta página se completa a medida que cada uno se entrega y se comprueba.",
      done: "Entregado. Cada servidor se ha comprobado frente a lo que contrató:",
      reopened: "Ha informado de un problema: nuestro técnico se está ocupando.",
      server: "{{hostname}} en {{dataCentre}}",
      addresses: "Direcciones: {{list}}",
      access: "Acceda con: ssh root@{{ip}}",
      installedKeys_one: "Clave SSH instalada para root: {{list}}",
      installedKeys_other: "{{count}} claves SSH instaladas para root: {{list}}",
      noInstalledKeys: "No se instaló ninguna clave SSH en este servidor: añada la suya en su cuenta y avísenos.",
      noKeys:
        "Añada sus claves SSH públicas en su cuenta antes de la entrega: instalamos esas claves, nunca una contraseña.",
      handedOverOn: "Entregado el {{date}}.",
      signedOffOn: "Usted dio su conformidad el {{date}}.",
      noResults: "No hay resultados de pruebas registrados para este servidor.",
      passed: "Prueba superada",
      failed: "Prueba no superada: aceptada por nuestro equipo con un motivo, pídanos los detalles",
      item: "Comprobado",
      expected: "Contratado",
      measured: "Medido",
      items: { threads: "Hilos de CPU", ram: "Memoria", storage: "Almacenamiento útil", raid: "RAID", uplink: "Red" },
      support: "Soporte",
      signOff: "Todo es como se acordó: dar conformidad",
      problemLabel: "¿Algo no es como se acordó? Díganos qué, y reabrimos la entrega",
      problem: "Informar de lo que no es como se acordó",
      alreadySignedOff:
        "Ya dio su conformidad a esta entrega. Si ahora algo no funciona, use «¿Algo va mal?» en esta página.",
      signedOff: "Gracias: ha dado su conformidad a la entrega.",
      problemSent: "Gracias: nuestro técnico ha reabierto la entrega y se pondrá en contacto con usted.",
    },
    quoteLinksKeepWorking: "Los enlaces de sus correos siguen funcionando; no necesita una cuenta para usarlos.",
  },
  /** Día de la migración (app/services/cutover.server.ts): el panel del cliente, los correos y los rechazos. */
  maintenance: {
    badge: "Mantenimiento {{date}}",
    badgeAnswer: "Mantenimiento {{date}}: responda, por favor",
    badgeNow: "Mantenimiento en curso",
    title: "Mantenimiento",
    none: "No hay mantenimiento previsto. Los trabajos rutinarios usan su ventana de mantenimiento; la próxima es {{window}}.",
    policyLine: "{{next}}",
    calendar: "Añadir a su calendario (.ics)",
    history: "Lo ocurrido hasta ahora",
    postedAt: "publicado el {{date}}",
    slotsLegend: "Los próximos horarios de su ventana de mantenimiento ({{zone}})",
    servers: "servidores: {{list}}",
    allServers: "todos los servidores del servicio",
    downtime_one: "Interrupción prevista: alrededor de {{count}} minuto ({{servers}}).",
    downtime_other: "Interrupción prevista: alrededor de {{count}} minutos ({{servers}}).",
    noDowntime: "No se prevé interrupción ({{servers}}).",
    reason: "Por qué no puede esperar: {{reason}}",
    kinds: {
      routine: "Mantenimiento rutinario",
      disruptive: "Mantenimiento con impacto",
      expedited: "Mantenimiento urgente",
      emergency: "Mantenimiento de emergencia",
    },
    states: {
      scheduled: "Programado",
      in_progress: "En curso",
      completed: "Completado",
      extended: "Prolongado",
      cancelled: "Cancelado",
    },
    ask: "Este trabajo afecta a su servicio. Por favor, indíquenos si le parece bien o pida otro horario.",
    askAgain: "Puede cambiar su respuesta hasta que un técnico la haya revisado.",
    acknowledge: "Me parece bien",
    another: "Pedir otro horario",
    note: "Algo que debamos saber (opcional)",
    sendAnother: "Pedir este horario",
    acknowledged: "Usted dio su conformidad a este trabajo el {{date}}.",
    asked: "Usted pidió {{slot}}: un técnico lo decidirá y se lo comunicará.",
    moved: "Trasladado al horario que usted pidió.",
    kept: "Tenemos que mantener este horario: {{note}}",
    acknowledgedSent: "Gracias: hemos anotado su conformidad.",
    anotherSent: "Gracias: un técnico revisará el horario que ha pedido y se lo comunicará.",
    problems: {
      choose: "Elija un horario.",
      not_found: "Este mantenimiento no pertenece a su servicio. Vuelva a cargar la página.",
      closed: "Este trabajo ya no se puede cambiar aquí. Vuelva a cargar la página.",
      slot: "Este horario ya no está disponible: elija otro de la lista.",
    },
    ics: {
      title: "Mantenimiento {{reference}}: {{title}}",
      alarm: "El mantenimiento empieza dentro de una hora",
    },
    email: {
      ask: "Este trabajo afecta a su servicio: indíquenos en su cuenta si le parece bien o pida allí otro horario.",
      scheduled: {
        subject: "Mantenimiento previsto: {{title}}, {{start}}",
        body: "Hola, {{name}}:\n\nHemos previsto un mantenimiento en su servicio ({{reference}}): {{title}}.\n\nCuándo: {{window}}\n{{impact}}\n{{reason}}\n\n{{ask}}\n\nAdjuntamos la cita para su calendario. Se lo recordaremos 72 horas, 24 horas y 1 hora antes, y cuando empiece.\n\nSu cuenta:\n{{account}}\n\nEl equipo de SpecDesk",
      },
      moved: {
        subject: "Mantenimiento trasladado: {{title}}, ahora {{start}}",
        body: "Hola, {{name}}:\n\nComo nos pidió, hemos trasladado {{reference}} ({{title}}) a {{window}}.\n{{note}}\n\n{{impact}}\n\nAdjuntamos la cita actualizada para su calendario.\n\nSu cuenta:\n{{account}}\n\nEl equipo de SpecDesk",
      },
      kept: {
        subject: "El mantenimiento {{reference}} se mantiene el {{start}}",
        body: "Hola, {{name}}:\n\nGracias por pedir el traslado de {{title}}. Tenemos que mantenerlo en {{window}}:\n{{note}}\n\n{{impact}}\n\nSu cuenta:\n{{account}}\n\nEl equipo de SpecDesk",
      },
      reminder_72h: {
        subject: "Recordatorio: mantenimiento dentro de 3 días, {{start}}",
        body: "Hola, {{name}}:\n\nLe recordamos que {{title}} ({{reference}}) está previsto para {{window}}.\n{{impact}}\n\nSu cuenta:\n{{account}}\n\nEl equipo de SpecDesk",
      },
      reminder_24h: {
        subject: "Recordatorio: mantenimiento mañana, {{start}}",
        body: "Hola, {{name}}:\n\nLe recordamos que {{title}} ({{reference}}) está previsto para {{window}}.\n{{impact}}\n\nSu cuenta:\n{{account}}\n\nEl equipo de SpecDesk",
      },
      reminder_1h: {
        subject: "El mantenimiento empieza dentro de una hora: {{title}}",
        body: "Hola, {{name}}:\n\n{{title}} ({{reference}}) empieza dentro de una hora: {{window}}.\n{{impact}}\n\nSu cuenta:\n{{account}}\n\nEl equipo de SpecDesk",
      },
      reminder_start: {
        subject: "El mantenimiento empieza ahora: {{title}}",
        body: "Hola, {{name}}:\n\n{{title}} ({{reference}}) empieza ahora, según lo previsto: {{window}}.\n{{impact}}\n\nLe avisaremos cuando termine. Puede seguirlo en su cuenta:\n{{account}}\n\nEl equipo de SpecDesk",
      },
      extended: {
        subject: "Mantenimiento prolongado: {{title}}, ahora hasta {{end}}",
        body: "Hola, {{name}}:\n\nEl mantenimiento {{reference}} ({{title}}) está durando más de lo previsto: ahora terminará a más tardar el {{end}}.\n\n{{body}}\n\nSu cuenta:\n{{account}}\n\nEl equipo de SpecDesk",
      },
      completed: {
        subject: "Mantenimiento completado: {{title}}",
        body: "Hola, {{name}}:\n\nEl mantenimiento {{reference}} ({{title}}) se ha completado.\n\n{{body}}\n\nSi algo no funciona como antes, díganoslo en su cuenta:\n{{account}}\n\nEl equipo de SpecDesk",
      },
      cancelled: {
        subject: "Mantenimiento cancelado: {{title}}",
        body: "Hola, {{name}}:\n\nEl mantenimiento {{reference}} ({{title}}) previsto para {{window}} queda cancelado.\n\n{{body}}\n\nSu cuenta:\n{{account}}\n\nEl equipo de SpecDesk",
      },
    },
  },
  cutover: {
    title: "Día de la migración",
    lead: "Trasladamos sus servicios desde el servidor antiguo en una ventana fuera de su horario: el servicio se detiene unos {{minutes}} minutos.",
    awaiting: "Su técnico le propondrá aquí y por correo fechas para la migración.",
    choose: "Elija la ventana que mejor le convenga:",
    confirm: "Confirmar esta ventana",
    windowLine: "{{date}}, de {{from}} a {{to}} ({{zone}})",
    confirmedLine: "Confirmada: {{window}}",
    goNoGo:
      "Punto de decisión: si los servidores nuevos no funcionan a las {{time}}, volvemos al servidor antiguo para que vuelva a estar en marcha antes del final de la ventana.",
    calendar: "Añadir a su calendario (.ics)",
    reminders: "Le enviaremos recordatorios por correo: {{list}}.",
    reminder: {
      lower_ttl: "bajar el TTL del DNS ({{date}})",
      freeze: "congelación de contenidos ({{date}})",
      one_hour: "una hora antes ({{date}})",
      old_server_off: "el servidor antiguo se apaga el {{date}}",
      archive_deleted: "su archivo final se elimina el {{date}}",
    },
    suggestTitle: "¿No le conviene ninguna?",
    suggestLead:
      "Proponga un inicio en su zona horaria ({{zone}}); la ventana dura unas {{hours}} horas. Su técnico la confirmará o le propondrá otra.",
    suggestDate: "Fecha",
    suggestTime: "Hora de inicio",
    suggestNote: "Algo que debamos saber (opcional)",
    suggest: "Proponer esta ventana",
    suggested: "Ha propuesto {{window}}: a la espera de su técnico.",
    suggestedSent: "Gracias: su técnico confirmará la ventana o le propondrá otra.",
    confirmedSent: "Confirmada. Le hemos enviado la invitación por correo y le avisaremos antes de la migración.",
    progressTitle: "Cómo va la migración",
    stage: {
      started: "Iniciada",
      synced: "Primera copia de los datos terminada",
      switched: "Cambiado a los servidores nuevos",
      verifying: "Comprobando que todo funciona",
      done: "Terminada",
      rolled_back: "Revertida al servidor antiguo",
    },
    nextUpdate: "Próxima actualización a más tardar a las {{time}}.",
    retentionTitle: "Su servidor antiguo",
    oldServerOff: "El servidor antiguo sigue en marcha hasta el {{date}}, por si faltara algo.",
    archiveDeleted: "Su archivo final se conserva hasta el {{date}} y después se elimina.",
    problems: {
      too_soon:
        "Esta ventana empieza demasiado pronto: el TTL del DNS debe bajarse {{hours}} horas antes. Elija una posterior.",
      too_short: "La ventana es demasiado corta para el cambio y una posible vuelta atrás ({{minutes}} minutos).",
      after_latest: "Es posterior al último día que permite su contrato antiguo ({{date}}).",
      too_far: "Elija una fecha dentro del próximo año.",
      taken: "Hace un momento se confirmó otra ventana: esta página ya la muestra.",
      already_confirmed: "Esta ventana ya está confirmada.",
      not_found: "Esta ventana ya no se ofrece. Vuelva a cargar la página.",
      date: "Indique una fecha y una hora de inicio.",
    },
    ics: {
      title: "Migración de sus servicios a los servidores nuevos ({{reference}})",
      description:
        "Nuestro técnico traslada sus servicios desde el servidor antiguo. El servicio se detiene unos {{minutes}} minutos. Punto de decisión a las {{goNoGo}}: si entonces los servidores nuevos no funcionan, volvemos al servidor antiguo. Su presupuesto: {{link}}",
      alarm: "La migración empieza dentro de una hora",
    },
    email: {
      proposed: {
        subject: "Elija la fecha de su migración",
        body: "Hola, {{name}}:\n\nLe proponemos estas ventanas para trasladar sus servicios desde el servidor antiguo:\n\n{{windows}}\n\nConfirme una en la página de su presupuesto (o proponga otra):\n{{link}}\n\nEl equipo de SpecDesk",
      },
      confirmed: {
        subject: "Su migración está confirmada: {{window}}",
        body: "Hola, {{name}}:\n\nLa migración de sus servicios está confirmada para el {{window}}. Adjuntamos la invitación de calendario.\n\nPunto de decisión a las {{goNoGo}}: si entonces los servidores nuevos no funcionan, volvemos al servidor antiguo.\n\nLe recordaremos: {{reminders}}.\n\nSu presupuesto: {{link}}\n\nEl equipo de SpecDesk",
      },
      withdrawn: {
        subject: "La fecha de su migración ha cambiado",
        body: "Hola, {{name}}:\n\nHemos tenido que retirar la ventana {{window}} de su migración. Su técnico le propondrá nuevas fechas en breve; hasta entonces nada cambia en su servidor antiguo.\n\nSu cuenta: {{account}}\n\nEl equipo de SpecDesk",
      },
      update: {
        subject: "Su migración: {{stage}}",
        body: "Hola, {{name}}:\n\n{{stage}} ({{time}}).\n\n{{message}}\n\nSu cuenta: {{account}}\n\nEl equipo de SpecDesk",
      },
      lower_ttl: {
        subject: "Recordatorio: baje el TTL de su DNS para la migración del {{date}}",
        body: "Hola, {{name}}:\n\nSu migración es el {{window}}. Baje ahora a 300 segundos el TTL de los registros DNS que apuntan al servidor antiguo (o pídaselo a quien gestione su DNS), para que el cambio llegue a todos enseguida.\n\nSu cuenta: {{account}}\n\nEl equipo de SpecDesk",
      },
      freeze: {
        subject: "Recordatorio: congelación de contenidos para su migración del {{date}}",
        body: "Hola, {{name}}:\n\nSu migración es el {{window}}. Desde ahora y hasta que termine, no haga cambios en el contenido del sitio (entradas, archivos, ajustes): lo que cambie ahora en el servidor antiguo podría no trasladarse.\n\nSu cuenta: {{account}}\n\nEl equipo de SpecDesk",
      },
      one_hour: {
        subject: "Su migración empieza dentro de una hora",
        body: "Hola, {{name}}:\n\nLa migración de sus servicios empieza el {{start}}. El servicio se detiene unos {{minutes}} minutos; punto de decisión a las {{goNoGo}}. Le escribiremos a medida que avance.\n\nSu cuenta: {{account}}\n\nEl equipo de SpecDesk",
      },
      old_server_off: {
        subject: "Su servidor antiguo se apaga mañana",
        body: "Hola, {{name}}:\n\nSu servidor antiguo se apaga el {{date}}. Si falta algo en los servidores nuevos, avísenos antes.\n\nSu cuenta: {{account}}\n\nEl equipo de SpecDesk",
      },
      archive_deleted: {
        subject: "El archivo de su servidor antiguo se elimina el {{date}}",
        body: "Hola, {{name}}:\n\nConservamos el archivo final de su servidor antiguo hasta el {{date}} y después lo eliminamos definitivamente. Si necesita algo de él, pídanoslo antes.\n\nSu cuenta: {{account}}\n\nEl equipo de SpecDesk",
      },
    },
  },
  company: {
    vatId: "NIF {{id}}",
    supportHours: "Soporte: {{hours}}",
    outagesAroundTheClock: "Las averías se atienden a cualquier hora.",
    everyDay: "Todos los días",
    dayRange: "de {{from}} a {{to}}",
    dataCentres: "Centros de datos: {{list}}",
    dataCentre: "{{city}} ({{country}})",
    imprint: "Datos de la empresa",
    terms: "Condiciones del servicio",
    privacy: "Política de privacidad",
    contact: "Contacto",
    footerLabel: "Sobre el proveedor",
    version: "Versión {{version}}, en vigor desde el {{date}}.",
    olderVersion: "Esta es una versión anterior. La versión en vigor es la {{version}}.",
  },
  /** Revisiones de capacidad (app/services/capacity-review.server.ts): el panel del cliente y el correo de la ampliación. */
  capacity: {
    title: "Revisión de capacidad",
    lead_one:
      "Cada mes comprobamos cuánta CPU, memoria, espacio en disco y tráfico de sus servidores usa y cuándo, al ritmo de crecimiento que vemos, se agotará algo.",
    lead_other:
      "Cada {{count}} meses comprobamos cuánta CPU, memoria, espacio en disco y tráfico de sus servidores usa y cuándo, al ritmo de crecimiento que vemos, se agotará algo.",
    none: "Aún no hay ninguna revisión: envíe su uso más abajo o nuestro técnico lo registrará.",
    lastByTechnician: "Última revisión el {{date}}, por nuestro técnico.",
    lastByCustomer: "Última revisión el {{date}}, con la salida que usted envió.",
    next: "Próxima revisión: {{date}}.",
    resources: { cpu: "CPU", ram: "Memoria", disk: "Espacio en disco", traffic: "Tráfico al mes" },
    usage: {
      cpu: "{{used}} de {{capacity}} hilos ocupados ({{percent}} %)",
      ram: "{{used}} GB de {{capacity}} GB en uso ({{percent}} %)",
      disk: "{{used}} GB de {{capacity}} GB en uso ({{percent}} %)",
      traffic: "{{used}} TB de {{capacity}} TB incluidos ({{percent}} %)",
    },
    usageUnmetered: "{{used}} TB (sin límite)",
    runsOutNow: "Ya al 85 % o más",
    runsOutOn: "Llega al 85 % hacia el {{date}}",
    runsOutNever: "No se agota al ritmo de crecimiento que vemos",
    diskWarning_one:
      "Un disco informa de sectores dañados o pendientes (atributo SMART {{list}}): puede fallar. Nuestro técnico se pondrá en contacto con usted para sustituirlo.",
    diskWarning_other:
      "Varios discos informan de sectores dañados o pendientes (atributos SMART {{list}}): pueden fallar. Nuestro técnico se pondrá en contacto con usted para sustituirlos.",
    age: {
      review: "Sus servidores llevan 3 años o más en servicio: revisaremos el hardware con usted.",
      refresh: "Sus servidores llevan 5 años o más en servicio: le recomendamos sustituirlos por otros nuevos.",
    },
    upgradeBecause:
      "{{list}}: se agotará en los próximos seis meses, así que le hemos preparado una propuesta de ampliación.",
    upgradeOpen: "Hay una propuesta de ampliación abierta para este servicio.",
    upgradeLink: "Abrir la propuesta de ampliación",
    form: {
      title: "Envíe su uso actual",
      how: "Descargue el script de comprobación y ejecútelo en cada servidor de este servicio (solo lee, no cambia nada). Pegue abajo todas las salidas o suba los archivos:",
      download: "Descargar specdesk-check.sh",
      label: "Salida de specdesk-check.sh --usage",
      file: "O suba los archivos con la salida",
      submit: "Enviar para revisión",
    },
    sent_one: "Gracias: hemos registrado su uso (1 servidor).",
    sent_other: "Gracias: hemos registrado su uso ({{count}} servidores).",
    sentDrafted_one:
      "Gracias: hemos registrado su uso (1 servidor). Algo se agota en los próximos seis meses: le enviamos por correo una propuesta de ampliación.",
    sentDrafted_other:
      "Gracias: hemos registrado su uso ({{count}} servidores). Algo se agota en los próximos seis meses: le enviamos por correo una propuesta de ampliación.",
    problems: {
      empty: "Pegue la salida de specdesk-check.sh --usage o súbala.",
      json: "Esto no es lo que imprime el script: pegue su salida completa, de { a }.",
      shape: "Esto no es la salida de specdesk-check.sh --usage: ejecute el script con --usage.",
      duplicate: "La salida del mismo servidor aparece dos veces.",
      too_many: "Como máximo, las salidas de 50 servidores a la vez.",
      too_large: "Es demasiado para la salida del script.",
    },
    email: {
      subject: "Servicio {{reference}}: una ampliación antes de que se agote",
      body: "Hola, {{name}}:\n\nNuestra revisión de capacidad de su servicio {{reference}} muestra que, al ritmo de crecimiento que vemos, se agotará:\n{{runsOut}}\n\nLe hemos preparado una propuesta de ampliación dimensionada para el próximo año; adjuntamos el PDF. Si la acepta, encarga la ampliación de su servicio en marcha: no se cobra nada hasta la entrega y su plazo no cambia.\n{{link}}\n\nEl equipo de SpecDesk",
      bodyReview:
        "Hola, {{name}}:\n\nNuestra revisión de capacidad de su servicio {{reference}} muestra que, al ritmo de crecimiento que vemos, se agotará:\n{{runsOut}}\n\nEstamos preparando una propuesta de ampliación; un técnico la revisa primero y se pondrá en contacto con usted. Puede seguirla aquí:\n{{link}}\n\nEl equipo de SpecDesk",
      on: "- {{resource}}: hacia el {{date}}",
      now: "- {{resource}}: ya al 85 % o más",
    },
  },
  errors: {
    not_found: "No encontrado; puede que se haya eliminado. Vuelva a cargar la página.",
    unknown_product: "Producto desconocido.",
    unknown_sku: "{{sku}} no está en la tarifa vigente.",
    sku_not_in_region: "{{sku}} no se vende en la región {{region}} de esta solicitud.",
    amount_too_large:
      "Los importes son demasiado grandes: una línea o el total del plazo no pueden superar {{max}} €. Revise las cantidades y los precios.",
    no_such_line: "No existe esa línea.",
    no_such_tier: "Elija una de las propuestas mostradas.",
    not_owner: "{{owner}} lleva este presupuesto: solo esa persona o un administrador pueden cambiarlo.",
    not_assignee: "Asígnese primero este elemento.",
    swap_not_server: "Solo un servidor puede cambiarse, y por otro modelo de servidor.",
    discount_too_large: "Los descuentos van de 0 a {{max}} %.",
    cannot_review: "Esa persona no puede revisar solicitudes.",
    not_published: "Solo una versión publicada puede compartirse o descontarse; publíquela primero.",
    quote_accepted:
      "El cliente ha aceptado este presupuesto entretanto; sus propuestas y precios ya no pueden cambiar. Vuelva a cargar para ver la aceptación.",
    other_choice: "Este presupuesto ya se aceptó con otra elección.",
    superseded: "Esta propuesta ha cambiado desde que abrió la página. Vuelva a cargarla para ver la versión actual.",
    in_review: "Un técnico debe confirmar estas propuestas antes de que puedan aceptarse.",
    declined: "Esta solicitud no puede aceptarse.",
    expired: "Esta versión ha caducado; actualícela primero a los precios vigentes.",
    not_expired: "Esta versión sigue vigente; sus precios se mantienen hasta que caduque.",
    draft_pending: "Un técnico tiene una versión sin publicar de este presupuesto; publíquela o termínela primero.",
    discount_pending: "Ya hay un descuento para este presupuesto esperando aprobación.",
    discount_stale: "El presupuesto tiene una versión más reciente que aquella para la que se pidió este descuento.",
    discount_decided: "Esta solicitud ya se ha decidido.",
    already_owned: "Este presupuesto ya lo lleva otra persona.",
    link_not_live: "No existe ese enlace activo.",
    unchanged: "Ya hay un descuento del {{percent}} % en la versión {{version}}.",
    too_many_versions:
      "Este presupuesto ha llegado a {{max}} versiones, el máximo posible; pida a un técnico que abra un presupuesto nuevo para el cliente.",
    not_latest_version: "Ajuste la última versión de una propuesta.",
    book_not_draft:
      "Esta tarifa ya está publicada y una tarifa publicada no cambia nunca. Crea un borrador a partir de ella.",
    book_empty: "Este borrador no tiene precios: publicarlo detendría todas las ventas. Añade precios primero.",
    sku_taken: "El SKU {{sku}} ya está en uso; los SKU son únicos entre servidores y complementos. Elige otro.",
    status_change_refused:
      "Este producto no puede pasar a ese estado: los borradores se ponen a la venta, los productos a la venta se retiran y los retirados pueden volver a venderse.",
    effective_in_past: "Una tarifa entra en vigor ahora o más adelante, nunca en el pasado.",
    effective_taken: "Otra tarifa ya entra en vigor en ese momento. Elige otra hora.",
    no_longer_sold_one:
      "Ya no se vende: {{skus}}. Modelo más parecido a la venta: {{replacements}}. Un técnico tiene que sustituirlo.",
    no_longer_sold_other:
      "Ya no se venden: {{skus}}. Modelos más parecidos a la venta: {{replacements}}. Un técnico tiene que sustituirlos.",
    item_closed: "Este elemento está cerrado.",
    nothing_to_publish: "No hay nada que publicar.",
    empty_version:
      "La versión {{version}} no tiene propuestas, así que el cliente no podría aceptar nada: configure al menos un nivel (servidores, complementos o líneas a medida) y publique la nueva versión.",
    empty_tier:
      "La propuesta {{tier}} de la versión {{version}} no tiene líneas: vuelva a configurar ese nivel con servidores, complementos o líneas a medida antes de publicar.",
    empty_configuration: "Una configuración necesita al menos un servidor, un complemento o una línea a medida.",
    not_accepted: "Acepte primero una propuesta.",
    already_paid: "Este presupuesto ya está pagado.",
    payment_processing: "Hay un pago de este presupuesto en camino.",
    nothing_due: "No hay nada pendiente de pago ahora.",
    upgrade_unavailable: "El servicio que amplía este presupuesto ya no está en marcha (o aún no se factura).",
    upgrade_cheaper:
      "Esta opción cuesta menos al mes que el servicio en marcha: no es una ampliación. Contáctenos para cambiar a ella.",
    upgrade_sign_in:
      "Inicie sesión en su cuenta con la dirección de correo del servicio que amplía esta propuesta para ver qué cambia y encargarla.",
    incident_resolved: "Esta incidencia está resuelta y ya no puede cambiar; abra una nueva si el problema vuelve.",
    summary_required: "Escriba el resumen posterior a la incidencia antes de resolverla.",
    promise_in_the_past: "La próxima actualización debe prometerse para un momento futuro.",
    promise_later_than_cadence:
      "La próxima actualización puede llegar antes de lo que marca la gravedad, nunca después.",
    account_exists: "Ya existe una cuenta con esta dirección de correo electrónico.",
    payments_unavailable: "El pago en línea no está disponible en este momento. Le enviaremos una factura.",
    needs_technician:
      "Este diseño necesita un técnico antes de poder aceptarse: pida este diseño a un técnico o elija otra propuesta.",
    no_migration_plan: "Este presupuesto no incluye un traslado desde un servidor antiguo.",
  },
};

export default esServer;
