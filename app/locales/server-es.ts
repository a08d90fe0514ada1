import type { ServerTranslationShape } from "./index";

/** Spanish texts only the server needs (see server-en.ts). */
const esServer: ServerTranslationShape = {
  email: {
    quote_link: {
      subject: "Sus propuestas de servidores de SpecDesk",
      body: "Hola, {{name}}:\n\nsus propuestas de servidores están listas. Este es su enlace privado; guárdelo bien:\n{{link}}\n\nEl equipo de SpecDesk",
    },
    link_request: {
      subject: "Los enlaces a sus presupuestos de SpecDesk",
      body: "Hola, {{name}}:\n\naquí tiene los enlaces a sus presupuestos que ha pedido, del más reciente al más antiguo. Cada uno es privado; guárdelo bien:\n\n{{links}}\n\nSi no los ha pedido, puede ignorar este correo.\n\nEl equipo de SpecDesk",
      line: "Presupuesto {{reference}} del {{date}}: {{link}}",
    },
    claimed: {
      subject: "Un técnico está trabajando en su presupuesto",
      body: "Hola, {{name}}:\n\nun técnico se ha hecho cargo de su solicitud y se pondrá en contacto con usted. Siga su progreso aquí:\n{{link}}\n\nEl equipo de SpecDesk",
    },
    staff_message: {
      subject: "Un mensaje sobre su presupuesto de SpecDesk",
      body: "Hola, {{name}}:\n\nnuestro técnico ha escrito:\n\n{{message}}\n\nResponda o siga su presupuesto aquí:\n{{link}}\n\nEl equipo de SpecDesk",
    },
    published: {
      subject: "Sus propuestas han sido confirmadas",
      body: "Hola, {{name}}:\n\nnuestro técnico ha revisado y confirmado sus propuestas:\n{{link}}\n\nEl equipo de SpecDesk",
    },
    accepted: {
      subject: "Ha aceptado su propuesta de SpecDesk",
      body: "Hola, {{name}}:\n\ngracias por aceptar. Si aún no ha pagado, puede pagar la cuota de alta y el primer mes desde la página de su presupuesto:\n{{link}}\n\nEl equipo de SpecDesk",
    },
    paid: {
      subject: "Pago recibido: sus servidores están en camino",
      body: "Hola, {{name}}:\n\nhemos recibido su pago. Nuestros técnicos están preparando sus servidores y le enviarán los datos de acceso. Su presupuesto:\n{{link}}\n\nEl equipo de SpecDesk",
    },
    payment_failed: {
      subject: "Su pago no se ha completado",
      body: "Hola, {{name}}:\n\nsu pago no se ha completado. Puede intentarlo de nuevo desde la página de su presupuesto:\n{{link}}\n\nEl equipo de SpecDesk",
    },
    declined: {
      subject: "Sobre su presupuesto de SpecDesk",
      body: "Hola, {{name}}:\n\nlo sentimos, no podemos ofrecer esta solicitud. El motivo de nuestro técnico:\n\n{{message}}\n\nSu presupuesto: {{link}}\n\nEl equipo de SpecDesk",
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
    account_exists: "Ya existe una cuenta con esta dirección de correo electrónico.",
    payments_unavailable: "El pago en línea no está disponible en este momento. Le enviaremos una factura.",
    needs_technician:
      "Este diseño necesita un técnico antes de poder aceptarse: pida este diseño a un técnico o elija otra propuesta.",
  },
};

export default esServer;
