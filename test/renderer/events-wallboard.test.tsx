import './helpers/dom';
import { describe, expect, it } from 'vitest';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { FakeBridge } from './helpers/bridge';
import { agent, alert, logEntry, queue, snapshot, source, T0 } from './helpers/model';
import { renderApp } from './helpers/render';

describe('Events view', () => {
  const fake = () =>
    new FakeBridge(
      snapshot({
        sources: [source('wv', { name: 'Bogotá' }), source('ax', { name: 'Paris' })],
        log: [logEntry(1, { text: 'status live' }), logEntry(2, { sourceId: 'ax', level: 'error', kind: 'auth', text: 'login refused' }), logEntry(3, { kind: 'input', text: 'operator 12 paused' })],
      }),
    );
  const texts = () => screen.getAllByRole('row').slice(1).map((r) => r.querySelector('td.text')!.textContent);

  it('shows the newest first and filters by source, level, kind and text', async () => {
    await renderApp(fake(), '#/events');
    expect(texts()).toEqual(['operator 12 paused', 'login refused', 'status live']);
    fireEvent.change(screen.getByLabelText('Level'), { target: { value: 'error' } });
    expect(texts()).toEqual(['login refused']);
    fireEvent.change(screen.getByLabelText('Level'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: 'input' } });
    expect(texts()).toEqual(['operator 12 paused']);
    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Source'), { target: { value: 'ax' } });
    expect(texts()).toEqual(['login refused']);
    fireEvent.change(screen.getByLabelText('Source'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'STATUS' } });
    expect(texts()).toEqual(['status live']);
  });

  it('appends live lines, and holds them while paused', async () => {
    const f = fake();
    await renderApp(f, '#/events');
    act(() => f.emit('patch', { type: 'patch', at: T0 + 5000, upsert: {}, remove: {}, log: [logEntry(4, { text: 'queue 7 waiting 5' })] }));
    expect(texts()[0]).toBe('queue 7 waiting 5');
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    act(() => f.emit('patch', { type: 'patch', at: T0 + 6000, upsert: {}, remove: {}, log: [logEntry(5, { text: 'later' })] }));
    expect(texts()[0]).toBe('queue 7 waiting 5');
    const resume = screen.getByRole('button', { name: 'Resume (1 new)' });
    expect(resume.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(resume);
    expect(texts()[0]).toBe('later');
  });
});

describe('Wallboard', () => {
  it('shows the floor in large type with the busiest queues, critical alerts and sources', async () => {
    const fake = new FakeBridge(
      snapshot({
        sources: [source('wv', { name: 'Bogotá' }), source('tp', { name: 'Moscow', status: 'down' })],
        agents: [agent('wv', '1', { state: 'available' }), agent('wv', '2', { state: 'on_call' }), agent('wv', '3', { state: 'paused' })],
        queues: [queue('wv', 'a', { name: 'Sales', waiting: 11, longestWaitSec: 30 }), queue('wv', 'b', { name: 'Care', waiting: 1 })],
        alerts: [alert('x', { subject: { kind: 'queue', key: 'wv:a' }, ruleId: 'queue.waiting', metric: 'queue.waiting', value: 11, threshold: 10 })],
      }),
    );
    const { container } = await renderApp(fake, '', { wallboard: true });
    expect(container.querySelector('.app-header')).toBeNull(); // no navigation on a TV
    const figures = within(screen.getByRole('region', { name: 'All sources' }));
    expect(figures.getByText('Calls waiting').previousSibling!.textContent).toBe('12');
    expect(figures.getByText('Calls waiting').parentElement!.className).toContain('lvl-critical');
    expect(screen.getByText('Sales: Calls waiting 11 (threshold 10)')).toBeTruthy();
    const rows = within(screen.getByRole('region', { name: 'Queues' })).getAllByRole('row');
    expect(rows[0]!.textContent).toContain('Sales');
    expect(screen.getByText('Moscow').closest('.wb-source')!.className).toContain('fresh-offline');
  });
});
