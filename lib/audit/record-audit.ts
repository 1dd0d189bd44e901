// Writes one audit_log row for a create/update/delete, inside the caller's transaction.
import type { Tx } from '@/lib/db/client';
import type { Actor } from '@/lib/db/actor';
import { auditLog } from '@/lib/db/schema/core';
import { REDACT_KEYS } from '@/lib/log/logger';

const SECRET_KEYS = new Set(REDACT_KEYS.map((k) => k.toLowerCase()));

/** Copies values with secrets replaced, so the audit log never stores them. */
export function scrubSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrubSecrets);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        SECRET_KEYS.has(k.toLowerCase()) || /(secret|token|password)/i.test(k) ? '[redacted]' : scrubSecrets(v),
      ]),
    );
  }
  return value;
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  oldValues?: unknown;
  newValues?: unknown;
  /** Overrides the actor's workspace (user-level events have none). */
  workspaceId?: string | null;
}

export async function recordAudit(tx: Tx, actor: Actor, entry: AuditEntry): Promise<void> {
  const workspaceId = entry.workspaceId !== undefined ? entry.workspaceId : actor.workspaceId ?? null;
  await tx.insert(auditLog).values({
    workspaceId,
    userId: actor.kind === 'user' ? actor.userId : null,
    actor: actor.kind === 'system' ? `system:${actor.name}` : 'user',
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId == null ? null : String(entry.entityId),
    oldValues: entry.oldValues === undefined ? null : scrubSecrets(entry.oldValues),
    newValues: entry.newValues === undefined ? null : scrubSecrets(entry.newValues),
    ipAddress: actor.kind === 'user' ? validIp(actor.ip) : null,
    userAgent: actor.kind === 'user' ? actor.userAgent?.slice(0, 1000) ?? null : null,
    requestId: actor.requestId ?? null,
  });
}

function validIp(ip: string | null | undefined): string | null {
  if (!ip) return null;
  return /^[0-9a-fA-F:.]+$/.test(ip) ? ip : null;
}

// JSONB hands object keys back in its own order: compare with sorted keys, or an
// unchanged JSON value would count as a change.
function canonicalJson(value: unknown): string {
  const canon = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canon);
    if (v && typeof v === 'object' && !(v instanceof Date)) {
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canon((v as Record<string, unknown>)[k])]));
    }
    return v;
  };
  return JSON.stringify(canon(value));
}

/** The fields that changed between two snapshots (for update entries). */
export function diffValues<T extends Record<string, unknown>>(before: T, after: Partial<T>) {
  const oldValues: Record<string, unknown> = {};
  const newValues: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(after)) {
    if (v === undefined) continue;
    if (canonicalJson(before[k]) !== canonicalJson(v)) {
      oldValues[k] = before[k];
      newValues[k] = v;
    }
  }
  return { oldValues, newValues, changed: Object.keys(newValues).length > 0 };
}
