import i18next from "i18next";

/**
 * The texts of the moving step's details (wizard.migration.*), in English and Spanish. They travel
 * with migration-details.tsx, which loads only for customers who say they are moving, instead of
 * in app/locales/en.ts and es.ts, which every page of the wizard downloads. The question itself
 * ("Moving from an existing setup?") stays there.
 */
const en = {
  data: "Data to move",
  dataGb: "Data volume",
  unit: "Unit",
  smallFiles: "The files are mostly",
  smallFilesOptions: { true: "many small ones (mail, uploads, code)", false: "a few large ones (media, backups)" },
  databases: "Databases",
  database: "Database {{n}}",
  version: "Version",
  versionHint: "For example 16 or 8.0.36.",
  dbSize: "Size (GB)",
  addDatabase: "Add a database",
  removeDatabase: "Remove database {{n}}",
  uplink: "Old server's connection",
  dontKnow: "Don't know",
  dnsTtl: "Current DNS TTL (seconds)",
  dnsTtlHint: "Ask whoever manages your DNS: registrar, old host or DNS service.",
  dnsManagedBy: "Where is your DNS managed?",
  dnsManagedByHint: "Whoever manages it lowers the TTL before the switch and changes the records.",
  dnsManagers: {
    old_provider: "At the old provider",
    registrar: "At the registrar (where the domain was bought)",
    dns_service: "At a DNS service (Cloudflare, Route 53 …)",
    us: "With SpecDesk",
    unknown: "Don't know",
  },
  cutover: "The switch",
  timeZone: "Your time zone",
  windows: "Preferred switch windows",
  windowsHint: "A window may cross midnight: 22:00–06:00 ends the next morning.",
  windowCount_one: "{{count}} window",
  windowCount_other: "{{count}} windows",
  presets: { weeknights: "Weeknights after 22:00", weekendNights: "Weekend nights", custom: "Other window" },
  window: "Window {{n}}",
  days: "Days",
  start: "From",
  end: "To",
  nextDay: "ends the next day",
  removeWindow: "Remove window {{n}}",
  maxDowntime: "Longest acceptable downtime",
  minutes: "minutes",
  hours: "hours",
  contractEnds: "Old contract ends on",
};

type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };

const es: DeepStrings<typeof en> = {
  data: "Datos a trasladar",
  dataGb: "Volumen de datos",
  unit: "Unidad",
  smallFiles: "Los archivos son sobre todo",
  smallFilesOptions: {
    true: "muchos y pequeños (correo, subidas, código)",
    false: "pocos y grandes (multimedia, copias)",
  },
  databases: "Bases de datos",
  database: "Base de datos {{n}}",
  version: "Versión",
  versionHint: "Por ejemplo 16 o 8.0.36.",
  dbSize: "Tamaño (GB)",
  addDatabase: "Añadir una base de datos",
  removeDatabase: "Quitar la base de datos {{n}}",
  uplink: "Conexión del servidor actual",
  dontKnow: "No lo sé",
  dnsTtl: "TTL actual del DNS (segundos)",
  dnsTtlHint: "Pregunte a quien gestione su DNS: registrador, proveedor actual o servicio de DNS.",
  dnsManagedBy: "¿Dónde se gestiona su DNS?",
  dnsManagedByHint: "Quien lo gestione baja el TTL antes del cambio y modifica los registros.",
  dnsManagers: {
    old_provider: "En el proveedor actual",
    registrar: "En el registrador (donde compró el dominio)",
    dns_service: "En un servicio de DNS (Cloudflare, Route 53 …)",
    us: "Con SpecDesk",
    unknown: "No lo sé",
  },
  cutover: "El cambio",
  timeZone: "Su zona horaria",
  windows: "Franjas preferidas para el cambio",
  windowsHint: "Una franja puede pasar de medianoche: 22:00–06:00 acaba a la mañana siguiente.",
  windowCount_one: "{{count}} franja",
  windowCount_other: "{{count}} franjas",
  presets: {
    weeknights: "Noches entre semana desde las 22:00",
    weekendNights: "Noches de fin de semana",
    custom: "Otra franja",
  },
  window: "Franja {{n}}",
  days: "Días",
  start: "Desde",
  end: "Hasta",
  nextDay: "acaba al día siguiente",
  removeWindow: "Quitar la franja {{n}}",
  maxDowntime: "Corte máximo aceptable",
  minutes: "minutos",
  hours: "horas",
  contractEnds: "El contrato actual termina el",
};

/** Adds the texts to the running i18next, next to the language's own wizard.migration keys. */
export function addMigrationTexts() {
  for (const [lng, texts] of [
    ["en", en],
    ["es", es],
  ] as const)
    i18next.addResourceBundle(lng, "translation", { wizard: { migration: texts } }, true, false);
}
