/**
 * Reads the collector's WebSocket frames. Only the envelope is checked here; snapshot and patch
 * contents are validated by ./validate for both transports alike.
 */
import { z } from 'zod';
import type { HostNotification } from '../../shared/bridge';
import { LANGUAGES } from '../../shared/settings';

const Result = z.union([
  z.object({ type: z.literal('result'), id: z.number(), ok: z.literal(true), value: z.unknown() }),
  z.object({
    type: z.literal('result'),
    id: z.number(),
    ok: z.literal(false),
    // `reason` and `field` are read by toCommandError, which keeps only the reasons it knows.
    error: z.object({ code: z.string(), message: z.string(), reason: z.string().optional(), field: z.string().optional() }),
  }),
]);
const Navigate = z.object({ type: z.literal('navigate'), view: z.string(), alertId: z.string().optional() });
const Notification = z.object({
  type: z.literal('notification'),
  id: z.string().max(500),
  kind: z.enum(['raise', 'recover', 'group', 'escalate', 'renotify']),
  severity: z.enum(['warning', 'critical']),
  title: z.string().max(500),
  body: z.string().max(4000),
  // A browser shows the one in its reader's language; a wrong one is dropped, not the notification.
  texts: z
    .partialRecord(z.enum(LANGUAGES), z.object({ title: z.string().max(500), body: z.string().max(4000) }))
    .optional()
    .catch(undefined),
  alertIds: z.array(z.string().max(500)).max(10_000),
  sound: z.boolean(),
});

export type ServerMessage =
  | z.infer<typeof Result>
  | { type: 'snapshot'; snapshot: unknown }
  | { type: 'patch'; patch: unknown }
  | { type: 'snapshot.part'; part: unknown }
  | { type: 'navigate'; navigate: { view: string; alertId?: string } }
  | { type: 'notification'; notification: HostNotification }
  | { type: 'settings'; settings: unknown };

export function parseServerMessage(text: string): ServerMessage | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (!raw || typeof raw !== 'object') return null;
  const type = (raw as { type?: unknown }).type;
  if (type === 'snapshot') return { type: 'snapshot', snapshot: raw };
  if (type === 'patch') return { type: 'patch', patch: raw };
  if (type === 'snapshot.part') return { type: 'snapshot.part', part: raw };
  if (type === 'result') {
    const r = Result.safeParse(raw);
    return r.success ? r.data : null;
  }
  if (type === 'notification') {
    const n = Notification.safeParse(raw);
    if (!n.success) return null;
    const { type: _type, ...notification } = n.data;
    return { type: 'notification', notification };
  }
  // The view's contents are checked where it is used (./validate), as for snapshots.
  if (type === 'settings') return { type: 'settings', settings: (raw as { settings?: unknown }).settings };
  if (type === 'navigate') {
    const n = Navigate.safeParse(raw);
    return n.success ? { type: 'navigate', navigate: { view: n.data.view, alertId: n.data.alertId } } : null;
  }
  return null;
}
