/**
 * Report bodies as a Wolkvox server sends them (seed 000 shapes), with the real-world looseness the
 * connector must accept: `code` as number or string, numbers as strings in `by_ip`/`by_pbx` and in
 * some agents/skills fields, `agent_id` "1001-Name" in the latency report, `*_time` as HH:MM:SS.
 */
import type { SimAgent, SimTeam } from './team';

const pad = (n: number) => String(n).padStart(2, '0');
const r1 = (n: number) => Math.round(n * 10) / 10;

/** "YYYY-MM-DD HH:MM:SS" as the account's clock reads `t`: in `zone` (IANA name), else this computer's. */
export function localDateTime(t: number, zone?: string): string {
  if (zone) {
    const f = new Intl.DateTimeFormat('sv-SE', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    return f.format(t);
  }
  const d = new Date(t);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function hms(sec: number): string {
  const s = Math.max(0, Math.floor(sec));
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

const online = (a: SimAgent) => a.status !== 'Desconectado';

export function latencyBody(team: SimTeam, zone?: string): unknown {
  const agents = [...team.agents.values()].filter(online);
  const byAgent = agents.map((a) => ({
    agent_id: `${a.id}-${a.name}`,
    latency_ms: Math.round(a.network.latencyMs),
    ip: a.ip,
    version: a.version,
    agent_status: a.status,
    tx_jitter: Math.round(a.network.txJitterMs),
    rx_jitter: Math.round(a.network.rxJitterMs),
    tx_ploss: r1(a.network.txLossPct),
    rx_ploss: r1(a.network.rxLossPct),
    network_rejection: r1(a.network.rejectionPct),
    connection_type: a.connectionType,
    platform: a.platform,
    last_date: localDateTime(a.lastDate, zone),
  }));
  const ips = new Map<string, SimAgent[]>();
  for (const a of agents) ips.set(a.ip, [...(ips.get(a.ip) ?? []), a]);
  const byIp = [...ips].map(([ip, list]) => {
    const lat = list.map((a) => a.network.latencyMs);
    return {
      ip,
      total_agents: String(list.length),
      average_latency: String(Math.round(lat.reduce((x, y) => x + y, 0) / lat.length)),
      maximum: String(Math.round(Math.max(...lat))),
      minimum: String(Math.round(Math.min(...lat))),
      network_rejection: r1(list.reduce((x, a) => x + a.network.rejectionPct, 0) / list.length),
    };
  });
  const byPbx = [...team.lines.values()].map((l) => ({
    user: l.user,
    status: l.status,
    tx_jitter: String(Math.round(l.txJitterMs)),
    rx_jitter: String(Math.round(l.rxJitterMs)),
    tx_ploss: String(r1(l.txLossPct)),
    rx_ploss: String(r1(l.rxLossPct)),
  }));
  return { code: 200, error: null, msg: `${byAgent.length} records were found`, data: [{ by_agent: byAgent, by_ip: byIp, by_pbx: byPbx }] };
}

export function agentsBody(team: SimTeam, now: number): unknown {
  const data = [...team.agents.values()].map((a) => ({
    agent_id: /^\d+$/.test(a.id) ? Number(a.id) : a.id,
    agent_name: a.name,
    agent_status: a.status,
    time_state_now: String(Math.max(0, Math.round((now - a.statusSince) / 1000))),
    calls: a.calls,
    inbound: String(a.inbound),
    outbound: a.outbound,
    talk_time: hms(a.talkSec),
    acw_time: Math.round(a.acwSec),
    aux_time: hms(a.auxSec),
  }));
  return { code: '200', error: 'null', msg: `${data.length} records were found`, data };
}

export function skillsBody(team: SimTeam): unknown {
  const data = [...team.skills.values()].map((k) => ({
    skill_id: k.id,
    skill_name: k.name,
    calls_in_queue_now: k.waiting,
    stat_inbound: String(k.offered),
    stat_answer: k.answered,
    stat_abandon: k.abandoned,
    service_level_10seg: String(k.sl10),
    service_level_20seg: k.sl20,
    service_level_30seg: String(k.sl30),
    by_abandon: k.offered ? r1((k.abandoned / k.offered) * 100) : 0,
  }));
  return { code: 200, error: null, msg: `${data.length} records were found`, data };
}
