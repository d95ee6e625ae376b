/**
 * The form fields of each vendor's source, in display order. Paths use dots for nested objects
 * (`poll.latencySec`). Validation is not here: the shared zod schemas decide (see ./form-model).
 */
import { WOLKVOX_DEFAULT_POLL_SEC, type SourceConfig } from '../../../shared/sources';

export type Vendor = SourceConfig['vendor'];
export const FORM_VENDORS: readonly Vendor[] = ['wolkvox', 'axialys', 'avaya', 'telphin', 'collector'];

export type FieldKind = 'text' | 'secret' | 'url' | 'number' | 'select' | 'list' | 'checkbox' | 'zone';

export interface FieldSpec {
  path: string;
  kind: FieldKind;
  /** Values of a select. */
  options?: readonly string[];
  /** Shown under "Advanced" (addresses for tests and simulators, tuning). */
  advanced?: boolean;
  /** Default shown in a new form. */
  initial?: string | boolean;
  /** What the source uses when the field is left empty, shown in the empty box. */
  placeholder?: string;
  /** Shown (and sent) only while another field has this value. */
  when?: { path: string; equals: string };
}

/** Whether a field applies to what the form says now (`when`). */
export function fieldShown(f: FieldSpec, values: Record<string, string | boolean | undefined>): boolean {
  return !f.when || String(values[f.when.path] ?? '') === f.when.equals;
}

const common: FieldSpec[] = [
  { path: 'id', kind: 'text' },
  { path: 'name', kind: 'text' },
  { path: 'enabled', kind: 'checkbox', initial: true },
];
const insecure: FieldSpec = { path: 'allowInsecure', kind: 'checkbox', advanced: true, initial: false };

export const FIELDS: Record<Vendor, FieldSpec[]> = {
  wolkvox: [
    ...common,
    { path: 'server', kind: 'text' },
    { path: 'token', kind: 'secret' },
    { path: 'licences', kind: 'number' },
    { path: 'timeZone', kind: 'zone' },
    { path: 'poll.latencySec', kind: 'number', advanced: true, placeholder: String(WOLKVOX_DEFAULT_POLL_SEC.latency) },
    { path: 'poll.agentsSec', kind: 'number', advanced: true, placeholder: String(WOLKVOX_DEFAULT_POLL_SEC.agents) },
    { path: 'poll.skillsSec', kind: 'number', advanced: true, placeholder: String(WOLKVOX_DEFAULT_POLL_SEC.skills) },
    { path: 'baseUrl', kind: 'url', advanced: true },
    insecure,
  ],
  axialys: [
    ...common,
    { path: 'mode', kind: 'select', options: ['supervisor', 'api'], initial: 'supervisor' },
    { path: 'login', kind: 'text' },
    { path: 'password', kind: 'secret' },
    { path: 'clientId', kind: 'text', when: { path: 'mode', equals: 'api' } },
    { path: 'socketIo', kind: 'select', options: ['auto', 'v2', 'v4'], initial: 'auto', advanced: true },
    { path: 'authUrl', kind: 'url', advanced: true },
    { path: 'tokenUrl', kind: 'url', advanced: true },
    { path: 'socketUrl', kind: 'url', advanced: true },
    insecure,
  ],
  avaya: [
    ...common,
    { path: 'accountId', kind: 'text' },
    { path: 'clientId', kind: 'text' },
    { path: 'clientSecret', kind: 'secret' },
    { path: 'appKey', kind: 'secret' },
    { path: 'region', kind: 'text', placeholder: 'eu' },
    { path: 'producers', kind: 'list', initial: 'Agent_itd_1.0.0, Queue_itd_1.0.0', advanced: true },
    { path: 'pingSec', kind: 'number', advanced: true, placeholder: '30' },
    { path: 'apiBaseUrl', kind: 'url', advanced: true },
    insecure,
  ],
  telphin: [
    ...common,
    { path: 'clientId', kind: 'text' },
    { path: 'clientSecret', kind: 'secret' },
    { path: 'clientRef', kind: 'text', initial: '@me' },
    { path: 'webhook.publicUrl', kind: 'url' },
    { path: 'pollSec', kind: 'number', advanced: true, placeholder: '120' },
    { path: 'apiBaseUrl', kind: 'url', advanced: true },
    { path: 'tokenUrl', kind: 'url', advanced: true },
    insecure,
  ],
  collector: [...common, { path: 'url', kind: 'url' }, { path: 'accessToken', kind: 'secret' }, insecure],
};
