import './helpers/dom';
import { describe, expect, it } from 'vitest';
import { renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { ClientProvider, useSourceLabels } from '../../src/renderer/bridge/react';
import { FakeBridge, fakeClient } from './helpers/bridge';
import { snapshot, source } from './helpers/model';

describe('source labels of the live picture', () => {
  it('leave out what the names of the sources switched on share; a switched-off one neither counts nor loses words', () => {
    const client = fakeClient(new FakeBridge(snapshot()));
    client.store.applySnapshot(
      snapshot({ sources: [source('wv', { name: 'Wolkvox (demo)' }), source('ax', { name: 'Axialys (demo)' }), source('bog', { name: 'Wolkvox Bogotá', status: 'stopped' })] }),
    );
    const wrapper = ({ children }: { children: ReactNode }) => <ClientProvider client={client}>{children}</ClientProvider>;
    const { result } = renderHook(() => useSourceLabels(), { wrapper });
    expect(['wv', 'ax', 'bog', 'gone'].map(result.current.label)).toEqual(['Wolkvox', 'Axialys', 'Wolkvox Bogotá', 'gone']);
    expect(result.current.name('wv')).toBe('Wolkvox (demo)');
  });
});
