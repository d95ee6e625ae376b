/** Loads a Wolkvox fixture as `unknown`, the way bytes arrive from the network. */
import { readFileSync } from 'node:fs';

export function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../fixtures/wolkvox/${name}.json`, import.meta.url), 'utf8')) as unknown;
}
