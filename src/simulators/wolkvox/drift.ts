/**
 * How the demo operation changes over time: calls arrive in skills and are taken by available
 * agents (ringing → on call → wrap-up → available), agents take breaks and log in/out, and
 * fragile agents have spells of bad network (latency, jitter, loss, rejection) that then recover.
 */
import type { SimAgent, SimNetwork, SimTeam } from './team';

const PAUSES = ['Auxiliar - Almuerzo', 'Auxiliar - Baño', 'Auxiliar - Capacitación', 'Break', 'Auxiliar - Pausa activa'];

function chance(rng: () => number, perSecond: number, dt: number): boolean {
  return rng() < 1 - Math.pow(1 - Math.min(1, perSecond), dt);
}

function move(a: SimAgent, status: string, now: number): void {
  a.status = status;
  a.statusSince = now;
}

function stepAgent(team: SimTeam, a: SimAgent, now: number, dt: number, rng: () => number): void {
  const inState = (now - a.statusSince) / 1000;
  const s = a.status;
  if (s === 'Desconectado') {
    if (chance(rng, 1 / 240, dt)) move(a, 'Disponible', now);
    return;
  }
  if (s === 'Disponible') {
    const skill = [...team.skills.values()].find((k) => k.waiting > 0 && (a.skills.length === 0 || a.skills.includes(k.id)));
    if (skill && chance(rng, 0.5, dt)) {
      skill.waiting--;
      skill.answered++;
      a.inbound++;
      move(a, 'Timbrando', now);
    } else if (chance(rng, 1 / 400, dt)) move(a, PAUSES[Math.floor(rng() * PAUSES.length)]!, now);
    else if (chance(rng, 1 / 3000, dt)) move(a, 'Desconectado', now);
    return;
  }
  if (s === 'Timbrando') {
    if (inState >= 3 + rng() * 5) {
      a.calls++;
      move(a, 'En llamada', now);
    }
    return;
  }
  if (s === 'En llamada') {
    a.talkSec += dt;
    if (chance(rng, 1 / 90, dt)) move(a, 'ACW', now);
    return;
  }
  if (s === 'ACW') {
    a.acwSec += dt;
    if (chance(rng, 1 / 20, dt)) move(a, 'Disponible', now);
    return;
  }
  a.auxSec += dt;
  if (chance(rng, 1 / 100, dt)) move(a, 'Disponible', now);
}

function towards(cur: number, target: number, noise: number, rng: () => number, min = 0): number {
  const next = cur + (target - cur) * 0.25 + (rng() - 0.5) * 2 * noise;
  return Math.max(min, Math.round(next * 10) / 10);
}

function stepNetwork(a: SimAgent, now: number, dt: number, rng: () => number): void {
  if (a.episodeUntil !== null && now >= a.episodeUntil) a.episodeUntil = null;
  if (a.fragile && a.episodeUntil === null && chance(rng, 1 / 150, dt)) a.episodeUntil = now + (60 + rng() * 120) * 1000;
  const bad = a.episodeUntil !== null;
  const b = a.baseline;
  const target: SimNetwork = bad
    ? { latencyMs: 260 + rng() * 220, txJitterMs: 35 + rng() * 45, rxJitterMs: 40 + rng() * 45, txLossPct: 1 + rng() * 3, rxLossPct: 1.5 + rng() * 3, rejectionPct: 0.5 + rng() * 2.5 }
    : b;
  const n = a.network;
  a.network = {
    latencyMs: towards(n.latencyMs, target.latencyMs, 6, rng, 5),
    txJitterMs: towards(n.txJitterMs, target.txJitterMs, 1.5, rng),
    rxJitterMs: towards(n.rxJitterMs, target.rxJitterMs, 1.5, rng),
    txLossPct: towards(n.txLossPct, target.txLossPct, 0.1, rng),
    rxLossPct: towards(n.rxLossPct, target.rxLossPct, 0.1, rng),
    rejectionPct: towards(n.rejectionPct, target.rejectionPct, 0.05, rng),
  };
  a.lastDate = now;
}

/** Advances the operation by `dtSec` seconds ending at `now`. */
export function stepTeam(team: SimTeam, now: number, dtSec: number, rng: () => number): void {
  for (const k of team.skills.values()) {
    if (chance(rng, k.rate, dtSec)) {
      k.waiting++;
      k.offered++;
    }
    if (k.waiting > 0 && chance(rng, 0.01 * k.waiting, dtSec)) {
      k.waiting--;
      k.abandoned++;
    }
    const pressure = Math.min(60, k.waiting * 7);
    k.sl20 = Math.max(0, Math.min(100, Math.round((k.sl20 + (96 - pressure - k.sl20) * 0.1) * 10) / 10));
    k.sl10 = Math.max(0, Math.round((k.sl20 - 8) * 10) / 10);
    k.sl30 = Math.min(100, Math.round((k.sl20 + 3) * 10) / 10);
  }
  for (const a of team.agents.values()) {
    stepAgent(team, a, now, dtSec, rng);
    if (a.status !== 'Desconectado') stepNetwork(a, now, dtSec, rng);
  }
  for (const l of team.lines.values()) {
    l.txJitterMs = towards(l.txJitterMs, 3, 1, rng);
    l.rxJitterMs = towards(l.rxJitterMs, 4, 1, rng);
    l.txLossPct = towards(l.txLossPct, 0.1, 0.05, rng);
    l.rxLossPct = towards(l.rxLossPct, 0.1, 0.05, rng);
  }
}
