import './helpers/dom';
import { describe, expect, it } from 'vitest';
import { act, screen } from '@testing-library/react';
import { FakeBridge } from './helpers/bridge';
import { alert, snapshot, T0 } from './helpers/model';
import { renderApp } from './helpers/render';

describe('the Alerts link in the navigation', () => {
  it('counts the alerts firing: red with a critical among them, amber when all are warnings, none when none fire', async () => {
    const fake = new FakeBridge(snapshot({ alerts: [alert('w1', { severity: 'warning' }), alert('w2', { severity: 'warning' }), alert('s', { suppressed: true })] }));
    await renderApp(fake);
    const count = () => document.querySelector('.nav [data-view="alerts"] .count');
    expect(count()!.textContent).toBe('2');
    expect(count()!.className).toBe('count warning');
    expect(count()!.getAttribute('aria-label')).toBe('2 alerts firing');
    act(() => fake.emit('patch', { type: 'patch', at: T0 + 1, upsert: { alerts: [alert('c1')] }, remove: {} }));
    expect(count()!.textContent).toBe('3');
    expect(count()!.className).toBe('count critical');
    expect(screen.getByLabelText('3 alerts firing, 1 critical')).toBe(count());
    act(() => fake.emit('patch', { type: 'patch', at: T0 + 2, upsert: { alerts: [alert('w1', { state: 'resolved', severity: 'warning' }), alert('w2', { state: 'resolved', severity: 'warning' }), alert('c1', { state: 'resolved' })] }, remove: {} }));
    expect(count()).toBeNull();
  });
});
