/**
 * The name directory from Axialys' auth response: `ops` (id, nom, groupes[]), `groupes` (id, nom),
 * `trunks` (id, nom), `pauses` (id, value). The response shape is unpublished, so lists may arrive as
 * arrays or as objects keyed by id, and names under a few plausible field names.
 */
import { z } from 'zod';
import { entityKey } from '../../../shared/model';
import type { NormalizedEvent } from '../../state/events';
import { idField, textField } from './wire';

export interface Directory {
  ops: Map<string, { name: string | null; groups: string[] }>;
  groupes: Map<string, string | null>;
  trunks: Map<string, string | null>;
  pauses: Map<string, string | null>;
}

export const emptyDirectory = (): Directory => ({ ops: new Map(), groupes: new Map(), trunks: new Map(), pauses: new Map() });

/** Trunks live beside queues in the model; their vendor ids are prefixed so they never collide. */
export const trunkVendorId = (idTrunk: string) => `trunk-${idTrunk}`;

const Entry = z.object({
  id: idField,
  id_operator: idField,
  nom: textField,
  name: textField,
  value: textField,
  label: textField,
  login: textField,
  groupes: z.unknown().optional(),
});
type Entry = z.infer<typeof Entry>;

/** An array of entries, or an object keyed by id whose values are entries or bare names. */
function entries(raw: unknown): Entry[] | null {
  if (raw === undefined || raw === null) return null;
  const list: unknown[] = Array.isArray(raw)
    ? raw
    : typeof raw === 'object'
      ? Object.entries(raw as Record<string, unknown>).map(([id, v]) => (v && typeof v === 'object' ? { id, ...v } : { id, nom: v }))
      : [];
  const out: Entry[] = [];
  for (const item of list) {
    const parsed = Entry.safeParse(item);
    if (parsed.success && (parsed.data.id ?? parsed.data.id_operator)) out.push({ ...parsed.data, id: parsed.data.id ?? parsed.data.id_operator });
  }
  return out;
}

function groupIds(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  const ids: string[] = [];
  for (const g of raw) {
    const id = idField.safeParse(g && typeof g === 'object' ? (g as { id?: unknown }).id : g);
    if (id.success && id.data) ids.push(id.data);
  }
  return ids;
}

/** Reads the directory from an auth response; null when it carries none (e.g. an API-account token). */
export function parseDirectory(body: Record<string, unknown>): Directory | null {
  const ops = entries(body.ops);
  const groupes = entries(body.groupes);
  const trunks = entries(body.trunks);
  const pauses = entries(body.pauses);
  if (!ops && !groupes && !trunks && !pauses) return null;
  const dir = emptyDirectory();
  for (const o of ops ?? []) dir.ops.set((o.id ?? o.id_operator)!, { name: o.nom ?? o.name ?? o.login ?? null, groups: groupIds(o.groupes) });
  for (const g of groupes ?? []) dir.groupes.set(g.id!, g.nom ?? g.name ?? null);
  for (const t of trunks ?? []) dir.trunks.set(t.id!, t.nom ?? t.name ?? null);
  for (const p of pauses ?? []) dir.pauses.set(p.id!, p.value ?? p.nom ?? p.name ?? p.label ?? null);
  return dir;
}

/** Name of a pause from `supp`: a pause id from the directory, else the text itself (FR seed: "user1"). */
export function pauseName(dir: Directory, supp: string | undefined): string | null {
  if (!supp) return null;
  return dir.pauses.get(supp) ?? supp;
}

/** Entities for the directory: operators and queues/trunks named, then a sync of what disappeared. */
export function directoryEvents(dir: Directory, sourceId: string): NormalizedEvent[] {
  const events: NormalizedEvent[] = [];
  for (const [id, name] of dir.groupes) events.push({ type: 'queue', id, scope: 'directory', set: { kind: 'queue', ...(name ? { name } : {}) } });
  for (const [id, name] of dir.trunks) {
    events.push({ type: 'queue', id: trunkVendorId(id), scope: 'directory', set: { kind: 'trunk', ...(name ? { name } : {}) } });
  }
  for (const [id, op] of dir.ops) {
    const queues = op.groups.map((g) => entityKey(sourceId, g));
    events.push({ type: 'agent', id, scope: 'directory', set: { ...(op.name ? { name: op.name } : {}), queues } });
  }
  events.push({ type: 'sync', collection: 'queues', scope: 'directory', ids: [...dir.groupes.keys(), ...[...dir.trunks.keys()].map(trunkVendorId)] });
  events.push({ type: 'sync', collection: 'agents', scope: 'directory', ids: [...dir.ops.keys()] });
  return events;
}
