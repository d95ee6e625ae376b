/**
 * Wolkvox `agent_status` → model state. Operations run the agent app in Spanish or English and name
 * their own auxiliary (pause) states, so known words are matched after folding case, accents and
 * punctuation; anything unmapped is `unknown` with the raw value kept in `vendorState`.
 */
import type { AgentState } from '../../../shared/model';
import { remembered } from '../../util/remember';

const WORDS: Record<Exclude<AgentState, 'unknown'>, string[]> = {
  available: ['disponible', 'available', 'ready', 'libre', 'idle', 'listo', 'esperando llamada', 'waiting for call', 'ready for call'],
  on_call: [
    'en llamada', 'on call', 'talking', 'in call', 'in a call', 'hablando', 'conversando', 'en conversacion', 'busy', 'ocupado',
    'llamada', 'call', 'inbound', 'outbound', 'llamada entrante', 'llamada saliente', 'incoming call', 'outgoing call',
    'internal call', 'internalcall', 'llamada interna', 'out pre',
  ],
  ringing: ['timbrando', 'ringing', 'alerting', 'sonando', 'repicando', 'timbre'],
  wrap_up: [
    'acw', 'wrap up', 'wrapup', 'post llamada', 'postllamada', 'pos llamada', 'posllamada', 'post call', 'postcall',
    'tipificando', 'tipificacion', 'after call work', 'after call', 'trabajo posterior',
  ],
  paused: [
    'auxiliar', 'aux', 'break', 'descanso', 'pausa', 'pause', 'paused', 'not ready', 'notready', 'no disponible',
    'not available', 'unavailable', 'away', 'ausente', 'bano', 'almuerzo', 'lunch', 'capacitacion', 'training', 'reunion',
    'meeting', 'coaching', 'retroalimentacion', 'feedback', 'pausa activa', 'backoffice', 'back office', 'personal',
    'refrigerio', 'snack', 'cafe', 'coffee',
  ],
  logged_out: [
    'desconectado', 'logged out', 'loggedout', 'logout', 'log out', 'offline', 'disconnected', 'fuera de linea',
    'no conectado', 'deslogueado', 'deslogeado', 'sin sesion', 'sesion cerrada', 'not logged in', 'fuera de turno',
  ],
};

const TABLE = new Map<string, AgentState>();
for (const [state, words] of Object.entries(WORDS) as [AgentState, string[]][]) for (const w of words) TABLE.set(w, state);

/** Families recognised by their first word(s), e.g. "AUX 3", "Auxiliar Almuerzo", "ACW 2". */
const PREFIXES: [RegExp, AgentState][] = [
  [/^(aux|auxiliar|pausa|break|descanso|not ready|no disponible)(\s|\d|$)/, 'paused'],
  [/^(almuerzo|lunch|bano|capacitacion|training|reunion|meeting|coaching|refrigerio)(\s|$)/, 'paused'],
  [/^(acw|wrap|post llamada|tipific)/, 'wrap_up'],
  [/^(en llamada|on call|talking|llamada|in call)(\s|$)/, 'on_call'],
  [/^(timbrando|ringing)(\s|$)/, 'ringing'],
  [/^(desconectado|logged out|offline)(\s|$)/, 'logged_out'],
  [/^(disponible|available|ready)(\s|$)/, 'available'],
];

/** Folds case, accents and punctuation: "Post-Llamada" → "post llamada", "Baño" → "bano". */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** "Auxiliar - Baño" / "AUX: Almuerzo" → "Baño" / "Almuerzo". */
const REASON_AFTER = /^\s*(?:aux(?:iliar)?|pausa|break|descanso|not ready|no disponible)\s*\d*\s*[-–:|]\s*(.+)$/i;

export interface MappedStatus {
  state: AgentState;
  pauseReason: string | null;
}

/** Maps one raw `agent_status` value (remembered: a floor uses a few dozen statuses; results are frozen). */
export const mapAgentStatus = remembered((raw): MappedStatus => Object.freeze(mapStatus(raw)), 5000);

function mapStatus(raw: string): MappedStatus {
  const f = fold(raw);
  let state = TABLE.get(f) ?? PREFIXES.find(([re]) => re.test(f))?.[1];
  if (!state) {
    const head = fold(raw.split(/\s+[-–:|]\s*|\s*[:|]\s*/)[0] ?? '');
    state = TABLE.get(head) ?? 'unknown';
  }
  if (state !== 'paused') return { state, pauseReason: null };
  const m = REASON_AFTER.exec(raw);
  return { state, pauseReason: (m ? m[1]! : raw).trim() };
}
