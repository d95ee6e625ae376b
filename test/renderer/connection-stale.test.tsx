import './helpers/dom';
import { describe, expect, it } from 'vitest';
import { act, render, screen, waitFor } from '@testing-library/react';
import { App } from '../../src/renderer/app/App';
import { createClient } from '../../src/renderer/bridge/client';
import { ClientStore } from '../../src/renderer/bridge/store';
import type { ConnStatus, StatusSource } from '../../src/renderer/bridge/status';
import { FakeBridge } from './helpers/bridge';
import { alert, snapshot, source } from './helpers/model';

/** A connection whose state the test sets, as the collector's stream reports it. */
function conn(): StatusSource & { set(s: ConnStatus['state']): void } {
  let current: ConnStatus = { state: 'open', retryAt: null, attempts: 0 };
  const listeners = new Set<(s: ConnStatus) => void>();
  return {
    status: () => current,
    onStatus: (l) => (listeners.add(l), () => listeners.delete(l)),
    set(state) {
      current = { state, retryAt: state === 'reconnecting' ? Date.now() + 5000 : null, attempts: state === 'reconnecting' ? 1 : 0 };
      for (const l of listeners) l(current);
    },
  };
}

describe('the picture while the collector is not connected', () => {
  it('says the figures are the last known ones, and fades them, until the stream is back', async () => {
    const fake = new FakeBridge(snapshot({ sources: [source('wv'), source('ax', { vendor: 'axialys' })], alerts: [alert('a1')] }));
    const link = conn();
    const client = createClient({ mode: 'ipc', api: fake, conn: link, store: new ClientStore((fn) => fn()) });
    window.location.hash = '#/overview';
    const { container } = render(<App client={client} />);
    await screen.findByText('2 of 2 sources live');
    expect(container.querySelector('.app')!.classList.contains('stale')).toBe(false);
    act(() => link.set('reconnecting'));
    expect(screen.getByText('Last known: 2 of 2 sources live')).toBeTruthy();
    expect(container.querySelector('.app')!.classList.contains('stale')).toBe(true);
    expect(screen.getByRole('link', { name: '1 critical' }).getAttribute('title')).toBe('Not connected: the last figures received');
    act(() => link.set('open'));
    await waitFor(() => expect(screen.getByText('2 of 2 sources live')).toBeTruthy());
    expect(container.querySelector('.app')!.classList.contains('stale')).toBe(false);
  });

  it('fades the wallboard too', async () => {
    const fake = new FakeBridge(snapshot({ sources: [source('wv')] }));
    const link = conn();
    const client = createClient({ mode: 'ipc', api: fake, conn: link, store: new ClientStore((fn) => fn()) });
    const { container } = render(<App client={client} wallboard />);
    await waitFor(() => expect(container.querySelector('.wallboard')).toBeTruthy());
    act(() => link.set('reconnecting'));
    expect(container.querySelector('.wallboard')!.classList.contains('stale')).toBe(true);
  });
});
