/**
 * The usual Telphin delivery — a POST whose fields are all in an `application/x-www-form-urlencoded`
 * body, none in the query or headers — read without URLSearchParams and the schema's generic path:
 * the body's pairs are scanned once and the fields checked as WebhookFieldsSchema checks them. Gives
 * exactly what `collectFields` + `WebhookFieldsSchema` give (tests compare them); anything else (a
 * field given twice, a value the schema refuses — one with a control character too —, a malformed
 * escape, fields in the query or headers) returns null and takes the general path, which also words
 * the refusal.
 */
import type { WebhookRequest } from '../../webhooks';
import { hasUnsafeChar, UNSAFE_CHAR } from '../../../shared/unsafe-text';
import type { WebhookFields } from './wire';

const FORM = 'application/x-www-form-urlencoded';
/** Every header spelling `collectFields` reads (`agent_id`, `agent-id`, `x-agent-id`, …). */
const FIELD_HEADERS = new Set(
  ['agent_id', 'agent_status', 'agent_type', 'agent_number', 'extension_name', 'event_source'].flatMap((f) => [f, f.replace(/_/g, '-'), `x-${f.replace(/_/g, '-')}`]),
);
const AGENT_ID = /^[A-Za-z0-9_.:@*+-]{1,64}$/;

const hex = (c: number) => (c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1);

/**
 * A form name or value decoded as URLSearchParams decodes it ("+" is a space, "%40" is "@"); null
 * for an escape it would keep as is or read as a replacement character (left to the general path).
 * Escapes of ASCII characters — the usual ones — are decoded here; others by decodeURIComponent.
 */
function decode(s: string): string | null {
  if (s.indexOf('%') < 0 && s.indexOf('+') < 0) return s;
  const n = s.length;
  let out = '';
  let from = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 43) {
      out += `${s.slice(from, i)} `;
      from = i + 1;
    } else if (c === 37) {
      const byte = i + 2 < n ? (hex(s.charCodeAt(i + 1)) << 4) | hex(s.charCodeAt(i + 2)) : -1;
      if (byte < 0 || byte >= 128) return decodeEscapes(s);
      // An escaped control character: the general path trims or refuses it and words why.
      if (byte < 32 || byte === 127) return null;
      out += s.slice(from, i) + String.fromCharCode(byte);
      from = i + 3;
      i += 2;
    }
  }
  return out + s.slice(from);
}

/** `decode` for escapes of non-ASCII characters (UTF-8 sequences); null when one is malformed. */
function decodeEscapes(s: string): string | null {
  try {
    const out = decodeURIComponent(s.replaceAll('+', ' '));
    // A C1 control, a separator or a bidi character, escaped: the general path refuses it.
    return hasUnsafeChar(out) ? null : out;
  } catch {
    return null;
  }
}

/** An optional text field as the schema reads it: trimmed, "" absent; null when over `max`. */
function text(v: string, max: number): string | undefined | null {
  const t = v.trim();
  if (t === '') return undefined;
  return t.length > max ? null : t;
}

/** The fields of a usual delivery, or null for the general path. */
export function formFields(req: WebhookRequest): WebhookFields | null {
  const body = req.body;
  if (req.contentType !== FORM || body === null || body.length === 0 || req.query.size !== 0) return null;
  for (const name in req.headers) if (FIELD_HEADERS.has(name)) return null;
  const form = body.toString('utf8');
  // URLSearchParams drops a leading "?"; a blank body reads no fields at all.
  const trimmed = form.trim();
  if (form.charCodeAt(0) === 63 || trimmed === '') return null;
  // A control, separator or bidi character sent as it is (escaped ones are found as they are decoded):
  // the general path trims or refuses it. One test of the body costs less than one per value.
  if (UNSAFE_CHAR.test(trimmed)) return null;
  let id: string | undefined;
  let status: string | undefined;
  let type: string | undefined;
  let number: string | undefined;
  let extension: string | undefined;
  let source: string | undefined;
  const n = form.length;
  for (let start = 0; start < n; ) {
    let end = form.indexOf('&', start);
    if (end < 0) end = n;
    if (end > start) {
      let eq = form.indexOf('=', start);
      if (eq < 0 || eq > end) eq = end;
      const name = decode(form.slice(start, eq));
      if (name === null) return null;
      let slot = -1;
      switch (name) {
        case 'agent_id':
          slot = id === undefined ? 0 : -2;
          break;
        case 'agent_status':
          slot = status === undefined ? 1 : -2;
          break;
        case 'agent_type':
          slot = type === undefined ? 2 : -2;
          break;
        case 'agent_number':
          slot = number === undefined ? 3 : -2;
          break;
        case 'extension_name':
          slot = extension === undefined ? 4 : -2;
          break;
        case 'event_source':
          slot = source === undefined ? 5 : -2;
          break;
      }
      if (slot === -2) return null; // given twice: refused by the general path
      if (slot >= 0) {
        const value = eq < end ? decode(form.slice(eq + 1, end)) : '';
        if (value === null) return null;
        if (slot === 0) id = value;
        else if (slot === 1) status = value;
        else if (slot === 2) type = value;
        else if (slot === 3) number = value;
        else if (slot === 4) extension = value;
        else source = value;
      }
    }
    start = end + 1;
  }
  if (id === undefined || status === undefined) return null;
  const agentId = id.trim();
  const agentStatus = status.trim();
  if (!AGENT_ID.test(agentId) || agentStatus.length === 0 || agentStatus.length > 64) return null;
  const out: WebhookFields = { agent_id: agentId, agent_status: agentStatus };
  if (type !== undefined) {
    const t = type.trim().toLowerCase();
    if (t !== '' && t !== 'local' && t !== 'remote') return null;
    out.agent_type = t === '' ? undefined : t;
  }
  if (number !== undefined) {
    const v = text(number, 64);
    if (v === null) return null;
    out.agent_number = v;
  }
  if (extension !== undefined) {
    const v = text(extension, 200);
    if (v === null) return null;
    out.extension_name = v;
  }
  if (source !== undefined) {
    const v = text(source, 32);
    if (v === null) return null;
    out.event_source = v;
  }
  return out;
}
