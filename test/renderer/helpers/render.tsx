/** Renders the dashboard over a fake host and waits for the first picture. */
import { expect } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import { App } from '../../../src/renderer/app/App';
import { FakeBridge, fakeClient } from './bridge';

export async function renderApp(fake: FakeBridge, hash = '#/overview', opts: { wallboard?: boolean } = {}) {
  window.location.hash = hash;
  const client = fakeClient(fake);
  const utils = render(<App client={client} wallboard={opts.wallboard} />);
  await waitFor(() => expect(client.store.loadedAt).not.toBeNull());
  await waitFor(() => expect(fake.callsTo('settings:get').length).toBeGreaterThan(0));
  if (!opts.wallboard) await screen.findByRole('heading', { level: 2 });
  return { ...utils, client };
}
