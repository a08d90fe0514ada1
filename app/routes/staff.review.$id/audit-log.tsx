interface AuditEntry {
  id: number;
  /** As staff read it, in the business time zone. */
  createdAt: string;
  actorName: string;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
}

/** Who did what to the quote, newest first. */
export function AuditLog({ entries }: { entries: readonly AuditEntry[] }) {
  return (
    <>
      <h2>Audit log</h2>
      <ol className="audit">
        {entries.map((a) => (
          <li key={a.id}>
            {a.createdAt} · {a.actorName} · {a.action}
            {a.fromStatus || a.toStatus ? ` (${a.fromStatus ?? "—"} → ${a.toStatus ?? "—"})` : ""}
          </li>
        ))}
      </ol>
    </>
  );
}
