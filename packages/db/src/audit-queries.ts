import type { Queryable } from './pool.js';

/** One audit-log entry as read back. */
export interface StoredAuditEntry {
  id: string;
  at: Date;
  actor: string;
  action: string;
  resource: string;
  resourceId: string | null;
  remoteAddress: string | null;
  detail: Record<string, unknown> | null;
}

/** Filters for the audit view. */
export interface AuditSearch {
  actor?: string | undefined;
  action?: string | undefined;
  resource?: string | undefined;
  resourceId?: string | undefined;
  /** Entries that touched this follow-up: its detail reads and the lists and exports that showed it. */
  followUpId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Exclusive upper bound on id, for paging newest first. */
  beforeId?: string | undefined;
  limit: number;
}

/**
 * Audit-log entries, newest first.
 * @param search - filters and page
 */
export async function listAuditEntries(db: Queryable, search: AuditSearch): Promise<StoredAuditEntry[]> {
  const result = await db.query<{
    id: string;
    at: Date;
    actor: string;
    action: string;
    resource: string;
    resource_id: string | null;
    remote_address: string | null;
    detail: Record<string, unknown> | null;
  }>(
    `SELECT id, at, actor, action, resource, resource_id, remote_address, detail FROM audit_log
      WHERE ($1::text IS NULL OR actor = $1)
        AND ($2::text IS NULL OR action = $2)
        AND ($3::text IS NULL OR resource = $3)
        AND ($4::text IS NULL OR resource_id = $4)
        AND ($5::timestamptz IS NULL OR at >= $5)
        AND ($6::timestamptz IS NULL OR at < $6)
        AND ($7::bigint IS NULL OR id < $7)
        AND ($9::text IS NULL OR (resource = 'follow_up' AND resource_id = $9)
             OR detail -> 'followUpIds' ? $9)
      ORDER BY id DESC
      LIMIT $8`,
    [
      search.actor ?? null,
      search.action ?? null,
      search.resource ?? null,
      search.resourceId ?? null,
      search.from ?? null,
      search.to ?? null,
      search.beforeId ?? null,
      search.limit,
      search.followUpId ?? null,
    ],
  );
  return result.rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    resource: r.resource,
    resourceId: r.resource_id,
    remoteAddress: r.remote_address,
    detail: r.detail,
  }));
}
