/**
 * happy-dom does no layout: give elements a viewport-sized box so the virtualized tables render rows,
 * and clean the page between tests.
 */
import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';

Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 });
Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get: () => 600 });
Object.defineProperty(HTMLElement.prototype, 'offsetWidth', { configurable: true, get: () => 1000 });

afterEach(() => {
  cleanup();
  window.location.hash = '';
  window.localStorage.clear();
  window.sessionStorage.clear();
});
