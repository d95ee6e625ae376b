import { describe, expect, it } from 'vitest';
import { demoTeam, seeded, stepTeam, latencyBody, agentsBody, skillsBody } from '../../src/simulators/wolkvox';
import { parseAgents, parseLatency, parseSkills, readEnvelope } from '../../src/core/connectors/wolkvox/parse';

const T0 = new Date(2026, 10, 21, 9, 0, 0).getTime();

describe('Wolkvox demo operation', () => {
  it('drifts: fragile agents degrade past the alert thresholds and recover, states and backlog move', () => {
    const team = demoTeam(T0, 31);
    const rng = seeded(7);
    const worst = new Map<string, number>();
    const statuses = new Set<string>();
    const waiting = new Set<number>();
    let recovered = 0;
    for (let t = 1; t <= 1800; t++) {
      stepTeam(team, T0 + t * 1000, 1, rng);
      for (const a of team.agents.values()) {
        const prev = worst.get(a.id) ?? 0;
        if (prev >= 250 && a.network.latencyMs < 150 && a.episodeUntil === null) recovered++;
        worst.set(a.id, a.network.latencyMs < 150 ? 0 : Math.max(prev, a.network.latencyMs));
        statuses.add(a.status);
      }
      for (const k of team.skills.values()) waiting.add(k.waiting);
    }
    expect(recovered).toBeGreaterThan(0);
    expect([...statuses]).toEqual(expect.arrayContaining(['Disponible', 'Timbrando', 'En llamada', 'ACW']));
    expect([...statuses].some((s) => s.startsWith('Auxiliar') || s === 'Break')).toBe(true);
    expect(waiting.size).toBeGreaterThan(2);
    const steady = [...team.agents.values()].filter((a) => !a.fragile);
    expect(steady.every((a) => a.network.latencyMs < 200)).toBe(true);
  });

  it('serves bodies the connector reads without rejections', () => {
    const team = demoTeam(T0);
    const lat = parseLatency(readEnvelope(latencyBody(team))!.data);
    const ag = parseAgents(readEnvelope(agentsBody(team, T0))!.data);
    const sk = parseSkills(readEnvelope(skillsBody(team))!.data);
    if (!lat.ok || !ag.ok || !sk.ok) throw new Error('unusable demo body');
    expect(lat.rejected.length + ag.rejected.length + sk.rejected.length).toBe(0);
    expect(ag.value).toHaveLength(14);
    expect(lat.value.sites).toHaveLength(3);
    expect(sk.value.map((s) => s.skill_name)).toEqual(['Ventas', 'Servicio al cliente', 'Soporte técnico']);
  });
});
