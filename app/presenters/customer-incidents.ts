import type { TFunction } from "i18next";
import type { Incident, IncidentUpdate } from "~/models/incident.server";
import { formatDate } from "~/utils/format";

/** An incident as its customer reads it, worded on the server: public updates only, times in their zone (named). */
export interface CustomerIncidentView {
  id: string;
  heading: string;
  service: string;
  state: string;
  open: boolean;
  status: string;
  updates: { id: string; at: string; state: string; body: string }[];
  summary: string | null;
}

export function presentCustomerIncidents(
  rows: { incident: Incident; updates: IncidentUpdate[] }[],
  t: TFunction,
  locale: string,
  timeZone: string,
): CustomerIncidentView[] {
  // Labelled with the zone by formatDate ("… 18:35 (Europe/Madrid)", "… 17:35 UTC").
  const time = (d: Date) => formatDate(d, locale, "long", true, timeZone);
  return rows.map(({ incident, updates }) => {
    const open = incident.state !== "resolved";
    return {
      id: incident.id,
      heading: t("incidents.item", { reference: `INC-${incident.number}`, title: incident.title }),
      service: t("incidents.service", { service: incident.quoteRequestId.slice(0, 8).toUpperCase() }),
      state: t("incidents.state", { state: t(`incidents.states.${incident.state}`) }),
      open,
      status: !open
        ? t("incidents.resolvedAt", { time: time(incident.resolvedAt ?? incident.updatedAt) })
        : !incident.firstRespondedAt
          ? t("incidents.waiting", { time: time(incident.firstResponseDueAt) })
          : incident.nextUpdateDueAt
            ? t("incidents.next", { time: time(incident.nextUpdateDueAt) })
            : t("incidents.next", { time: t("incidents.onChange") }),
      updates: [...updates].reverse().map((u) => ({
        id: u.id,
        at: time(u.createdAt),
        state: t(`incidents.states.${u.state}`),
        body: u.body,
      })),
      summary: incident.summary ? t("incidents.summary", { summary: incident.summary }) : null,
    };
  });
}
