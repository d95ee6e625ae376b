import { describe, expect, it } from 'vitest';
import { mapAgentStatus } from '../../src/core/connectors/wolkvox/status';
import { agentIdentity } from '../../src/core/connectors/wolkvox/identity';

describe('Wolkvox agent_status table', () => {
  const cases: [string, string, string | null][] = [
    ['Disponible', 'available', null],
    ['Available', 'available', null],
    ['READY', 'available', null],
    ['En llamada', 'on_call', null],
    ['On call', 'on_call', null],
    ['Talking', 'on_call', null],
    ['Timbrando', 'ringing', null],
    ['Ringing', 'ringing', null],
    ['ACW', 'wrap_up', null],
    ['Wrap-up', 'wrap_up', null],
    ['Post llamada', 'wrap_up', null],
    ['Post-Llamada', 'wrap_up', null],
    ['Desconectado', 'logged_out', null],
    ['Logged out', 'logged_out', null],
    ['Auxiliar', 'paused', 'Auxiliar'],
    ['Auxiliar - Baño', 'paused', 'Baño'],
    ['AUX: Almuerzo', 'paused', 'Almuerzo'],
    ['AUX 3', 'paused', 'AUX 3'],
    ['Break', 'paused', 'Break'],
    ['Baño', 'paused', 'Baño'],
    ['Almuerzo', 'paused', 'Almuerzo'],
    ['Capacitación', 'paused', 'Capacitación'],
    ['No disponible', 'paused', 'No disponible'],
    ['Not ready - Coaching', 'paused', 'Coaching'],
    ['Almuerzo extendido - Juan', 'paused', 'Almuerzo extendido - Juan'],
    ['Gestión de correos', 'unknown', null],
  ];
  it.each(cases)('%s → %s (reason %s)', (raw, state, reason) => {
    expect(mapAgentStatus(raw)).toEqual({ state, pauseReason: reason });
  });
});

describe('Wolkvox agent identity', () => {
  it('reads digits and a name from "1001-Ana", keeps other ids whole', () => {
    expect(agentIdentity('1001-Ana')).toEqual({ vendorId: '1001', name: 'Ana' });
    expect(agentIdentity(' 1001 - Ana Gómez ')).toEqual({ vendorId: '1001', name: 'Ana Gómez' });
    expect(agentIdentity('1001')).toEqual({ vendorId: '1001', name: null });
    expect(agentIdentity('1001-')).toEqual({ vendorId: '1001', name: null });
    expect(agentIdentity('ana.perez')).toEqual({ vendorId: 'ana.perez', name: null });
    expect(agentIdentity('AG-1001')).toEqual({ vendorId: 'AG-1001', name: null });
  });
});
