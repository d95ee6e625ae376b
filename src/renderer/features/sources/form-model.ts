/**
 * Form state ⇄ source config. Secrets are never prefilled: a secret field starts empty and is sent
 * only when the user typed a new value (the host keeps the stored one otherwise). Validation uses the
 * shared zod schema, with a stand-in for stored secrets so "required" passes without revealing them.
 */
import { insecureUrlProblem, SourceConfigSchema, type SourceConfig, type SourceConfigView } from '../../../shared/sources';
import type { Language } from '../../../shared/settings';
import { decimalText, readDecimal } from '../../lib/decimal';
import { FIELDS, fieldShown, type FieldSpec, type Vendor } from './fields';

export type FormValues = Record<string, string | boolean>;

export interface FieldError {
  /** Message key suffix (`form.error.<code>`) and its parameters. */
  code: 'required' | 'number' | 'min' | 'max' | 'integer' | 'url' | 'insecureUrl' | 'id' | 'accountId' | 'region' | 'timeZone' | 'server' | 'invalid' | 'host';
  params?: Record<string, string | number>;
  /** The host's own words, when the error came from the host. */
  text?: string;
}

const STORED = '\u0000stored-secret';

function getPath(obj: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) {
    const next = o[k];
    o = o[k] = next && typeof next === 'object' ? { ...(next as Record<string, unknown>) } : {};
  }
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete o[last];
  else o[last] = value;
}

/** Values for a new source of a vendor, or for editing an existing one (secrets left empty; numbers written the language's way). */
export function initialValues(vendor: Vendor, lang: Language, existing?: SourceConfigView): FormValues {
  const out: FormValues = {};
  for (const f of FIELDS[vendor]) {
    if (f.kind === 'secret') {
      out[f.path] = '';
      continue;
    }
    const v = existing ? getPath(existing as unknown as Record<string, unknown>, f.path) : undefined;
    if (f.kind === 'checkbox') out[f.path] = typeof v === 'boolean' ? v : existing && f.path === 'enabled' ? true : (f.initial ?? false);
    else if (f.kind === 'list') out[f.path] = Array.isArray(v) ? v.join(', ') : existing ? '' : String(f.initial ?? '');
    else if (f.kind === 'number' && typeof v === 'number') out[f.path] = decimalText(v, lang);
    else out[f.path] = v === undefined || v === null ? (existing ? '' : String(f.initial ?? '')) : String(v);
  }
  return out;
}

function convert(f: FieldSpec, raw: string | boolean, lang: Language): unknown {
  if (f.kind === 'checkbox') return raw === true;
  const s = String(raw).trim();
  if (!s) return undefined;
  if (f.kind === 'number') return readDecimal(s, lang);
  if (f.kind === 'list') {
    const items = s.split(',').map((x) => x.trim()).filter(Boolean);
    return items.length ? items : undefined;
  }
  return s;
}

/**
 * The config to send: the existing view (fields this form does not show are kept), overlaid with the
 * form. Secrets appear only when typed. `forValidation` puts a stand-in where a stored secret is kept.
 */
export function buildConfig(vendor: Vendor, values: FormValues, lang: Language, existing?: SourceConfigView, forValidation = false): Record<string, unknown> {
  const base: Record<string, unknown> = existing && existing.vendor === vendor ? { ...(existing as unknown as Record<string, unknown>) } : {};
  delete base.secrets;
  base.vendor = vendor;
  for (const f of FIELDS[vendor]) {
    if (!fieldShown(f, values)) {
      setPath(base, f.path, undefined);
      continue;
    }
    let v = convert(f, values[f.path] ?? '', lang);
    if (f.kind === 'secret' && v === undefined && forValidation && existing?.secrets[f.path]) v = STORED;
    if (f.path === 'enabled' && v === true) v = undefined; // enabled is the default
    if (f.path === 'allowInsecure' && v === false) v = undefined;
    setPath(base, f.path, v);
  }
  if (vendor === 'telphin' && base.webhook && typeof base.webhook === 'object' && !(base.webhook as Record<string, unknown>).publicUrl) delete base.webhook;
  if (vendor === 'wolkvox' && base.poll && typeof base.poll === 'object' && !Object.keys(base.poll as object).length) delete base.poll;
  return base;
}

const SPECIFIC: Record<string, FieldError['code']> = { id: 'id', accountId: 'accountId', region: 'region', timeZone: 'timeZone', server: 'server' };

/** Errors by field path; '' holds errors that belong to no field. */
export function validate(vendor: Vendor, values: FormValues, lang: Language, existing?: SourceConfigView): Record<string, FieldError> {
  const candidate = buildConfig(vendor, values, lang, existing, true);
  const parsed = SourceConfigSchema.safeParse(candidate);
  const errors: Record<string, FieldError> = {};
  const specs = new Map(FIELDS[vendor].map((f) => [f.path, f]));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      const field = specs.has(path) ? path : specs.has(String(issue.path[0])) ? String(issue.path[0]) : '';
      if (errors[field]) continue;
      const spec = specs.get(field);
      const present = getPath(candidate, path);
      const iss = issue as { code: string; minimum?: unknown; maximum?: unknown; expected?: string; origin?: string };
      let err: FieldError;
      if (present === undefined || present === '') err = { code: 'required' };
      else if (spec?.kind === 'number' && typeof present === 'number' && Number.isNaN(present)) err = { code: 'number' };
      else if (iss.code === 'too_small' && spec?.kind === 'number') err = { code: 'min', params: { min: Number(iss.minimum) } };
      else if (iss.code === 'too_big' && spec?.kind === 'number') err = { code: 'max', params: { max: Number(iss.maximum) } };
      else if (iss.code === 'invalid_type' && iss.expected === 'int') err = { code: 'integer' };
      else if (spec?.kind === 'url') err = { code: 'url' };
      else if (SPECIFIC[field]) err = { code: SPECIFIC[field]! };
      else if (iss.code === 'too_small') err = { code: 'required' };
      else err = { code: 'invalid', text: issue.message };
      errors[field] = err;
    }
  }
  // Also while other fields are wrong: every error at once, so the count the form gives is the whole.
  const insecure = insecureUrlProblem((parsed.success ? parsed.data : candidate) as SourceConfig);
  const at = insecure ? (specs.has(insecure.field) ? insecure.field : '') : null;
  if (at !== null && !errors[at]) errors[at] = { code: 'insecureUrl' };
  return errors;
}

/**
 * Puts a host's refusal under the field it is about: the field the refusal names (`about`, with the
 * text already in the reader's language), else the field a host message "field: message" starts
 * with; the form's own line when it names none of this form's fields.
 */
export function hostError(vendor: Vendor, message: string, about: string | null = null): { field: string; error: FieldError } {
  const isField = (path: string) => FIELDS[vendor].some((f) => f.path === path);
  if (about !== null) return { field: isField(about) ? about : '', error: { code: 'host', text: message } };
  const m = /^([\w.]+): (.+)$/s.exec(message);
  const field = m && isField(m[1]!) ? m[1]! : '';
  return { field, error: { code: 'host', text: field ? m![2] : message } };
}
