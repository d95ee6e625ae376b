/**
 * V8 sizing for a process that stays up all day: keep the heap close to its live size
 * (docs/performance.md, "Memory"). Imported first by the composition root; young-generation sizing
 * is fixed at start-up, so this is the best that can be done from inside the main process.
 */
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--optimize-for-size');
