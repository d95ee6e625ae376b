/**
 * happy-dom does no layout: give elements a viewport-sized box so the virtualized tables render rows,
 * and clean the page (and unsaved settings drafts) between tests. `findBy…` and `waitFor` wait up to 5 s (1 s by default): on a
 * loaded two-core machine a first render in another language can take longer than a second.
 */
import { afterEach } from 'vitest';
import { cleanup, configure } from '@testing-library/react';
import { forgetDrafts } from '../../../src/renderer/features/settings/draft';

configure({ asyncUtilTimeout: 5_000 });

Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 });
Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get: () => 600 });
Object.defineProperty(HTMLElement.prototype, 'offsetWidth', { configurable: true, get: () => 1000 });

afterEach(() => {
  cleanup();
  window.location.hash = '';
  window.localStorage.clear();
  window.sessionStorage.clear();
  forgetDrafts(); // what one test left unsaved in Settings is not the next one's
});
