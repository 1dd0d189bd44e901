// Short "field: old → new" lines from an audit entry's old/new value snapshots.
type Values = Record<string, unknown> | null | undefined;

export interface Change {
  field: string;
  from?: unknown;
  to?: unknown;
  kind: 'changed' | 'added' | 'removed';
}

function asRecord(v: unknown): Values {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

export function changesOf(oldValues: unknown, newValues: unknown): Change[] {
  const before = asRecord(oldValues) ?? {};
  const after = asRecord(newValues) ?? {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields.map((field) => {
    if (field in before && field in after) return { field, from: before[field], to: after[field], kind: 'changed' };
    if (field in after) return { field, to: after[field], kind: 'added' };
    return { field, from: before[field], kind: 'removed' };
  });
}

/** A value as short text (long strings and objects are cut). */
export function shortValue(v: unknown, yes: string, no: string): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? yes : no;
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 48 ? `${s.slice(0, 47)}…` : s;
}
