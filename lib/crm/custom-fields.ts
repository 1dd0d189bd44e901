// Values of custom fields (`custom_fields: {<code>: value}`) checked against the workspace's
// field definitions: unknown codes, wrong types, options outside a select's list and missing
// required fields are a 400 naming `custom_fields.<code>`. Returns the values as stored
// (phones in E.164, emails lower-cased, dates as YYYY-MM-DD, money rounded to cents).
import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { AppError, type FieldIssue } from '@/lib/api/errors';
import { crmFields, type FieldType } from '@/lib/db/schema/crm';
import { normalizePhone } from './normalize-phone';
import type { CountryCode } from 'libphonenumber-js';

export interface FieldDefinition {
  code: string;
  name: string;
  fieldType: FieldType;
  options: string[];
  isRequired: boolean;
}

export async function loadFieldDefinitions(tx: Tx, workspaceId: string, entity: 'deal' | 'contact'): Promise<FieldDefinition[]> {
  return tx
    .select({
      code: crmFields.code,
      name: crmFields.name,
      fieldType: crmFields.fieldType,
      options: crmFields.options,
      isRequired: crmFields.isRequired,
    })
    .from(crmFields)
    .where(and(eq(crmFields.workspaceId, workspaceId), eq(crmFields.entityType, entity)));
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** One value against its definition: the stored form, or an issue. null clears the field. */
export function coerceFieldValue(
  def: FieldDefinition,
  value: unknown,
  region: CountryCode,
): { ok: true; value: unknown } | { ok: false; code: string; message: string } {
  if (value === null || value === undefined || value === '') return { ok: true, value: null };
  const bad = (code: string, message: string) => ({ ok: false as const, code, message });
  switch (def.fieldType) {
    case 'text':
      if (typeof value !== 'string') return bad('expected_text', 'Expected text');
      if (value.length > 5000) return bad('too_long', 'At most 5000 characters');
      return { ok: true, value: value.trim() };
    case 'number': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value.replace(',', '.')) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) return bad('expected_number', 'Expected a number');
      return { ok: true, value: n };
    }
    case 'money': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value.replace(/\s/g, '').replace(',', '.')) : value;
      if (typeof n !== 'number' || !Number.isFinite(n) || n < 0 || n >= 1e12) return bad('expected_money', 'Expected an amount of money (0 or more)');
      return { ok: true, value: Math.round(n * 100) / 100 };
    }
    case 'date': {
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}(T.*)?$/.test(value) || Number.isNaN(Date.parse(value))) {
        return bad('expected_date', 'Expected a date (YYYY-MM-DD)');
      }
      return { ok: true, value: value.slice(0, 10) };
    }
    case 'boolean':
      if (typeof value === 'boolean') return { ok: true, value };
      if (value === 'true' || value === 'false') return { ok: true, value: value === 'true' };
      return bad('expected_boolean', 'Expected true or false');
    case 'select':
      if (typeof value !== 'string' || !def.options.includes(value)) return bad('unknown_option', `Expected one of: ${def.options.join(', ')}`);
      return { ok: true, value };
    case 'multiselect': {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !def.options.includes(v))) {
        return bad('unknown_option', `Expected a list of: ${def.options.join(', ')}`);
      }
      return { ok: true, value: [...new Set(value as string[])] };
    }
    case 'phone': {
      const p = typeof value === 'string' ? normalizePhone(value, region) : null;
      return p ? { ok: true, value: p } : bad('invalid_phone', 'Expected a phone number');
    }
    case 'email':
      if (typeof value !== 'string' || !EMAIL.test(value.trim()) || value.length > 320) return bad('invalid_email', 'Expected an email address');
      return { ok: true, value: value.trim().toLowerCase() };
    case 'url': {
      try {
        const u = new URL(String(value));
        if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
        return { ok: true, value: u.toString() };
      } catch {
        return bad('invalid_url', 'Expected an http(s) URL');
      }
    }
  }
}

export interface CheckOptions {
  /** The values already stored: merged under the input, and checked for required fields. */
  existing?: Record<string, unknown>;
  /** Check required fields (on create, or when the whole record is submitted). */
  requireAll?: boolean;
  region: CountryCode;
}

/** Validates and merges: returns the full stored object (null values remove a key). */
export function checkCustomFields(
  defs: FieldDefinition[],
  input: unknown,
  opts: CheckOptions,
): Record<string, unknown> {
  const issues: FieldIssue[] = [];
  if (input !== undefined && (input === null || typeof input !== 'object' || Array.isArray(input))) {
    throw new AppError(400, 'validation_error', 'Invalid value for: custom_fields', {
      fields: [{ field: 'custom_fields', code: 'expected_object', message: 'Expected an object of field code to value' }],
    });
  }
  const byCode = new Map(defs.map((d) => [d.code, d]));
  const out: Record<string, unknown> = { ...(opts.existing ?? {}) };
  for (const [code, raw] of Object.entries((input ?? {}) as Record<string, unknown>)) {
    const def = byCode.get(code);
    if (!def) {
      issues.push({ field: `custom_fields.${code}`, code: 'unknown_field', message: `No custom field with code ${code}` });
      continue;
    }
    const r = coerceFieldValue(def, raw, opts.region);
    if (!r.ok) issues.push({ field: `custom_fields.${code}`, code: r.code, message: `${def.name}: ${r.message}` });
    else if (r.value === null) delete out[code];
    else out[code] = r.value;
  }
  if (opts.requireAll) {
    for (const def of defs) {
      if (def.isRequired && (out[def.code] === undefined || out[def.code] === null)) {
        issues.push({ field: `custom_fields.${def.code}`, code: 'required', message: `${def.name} is required` });
      }
    }
  }
  if (issues.length) {
    const names = [...new Set(issues.map((i) => i.field))].join(', ');
    throw new AppError(400, 'validation_error', `Invalid value for: ${names}`, { fields: issues });
  }
  return out;
}
