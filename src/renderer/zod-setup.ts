/**
 * Zod compiles fast parsers with `new Function` unless told not to, and probes for that ability by
 * trying it — which the dashboard's CSP (no 'unsafe-eval') reports as a violation. Imported first by
 * main.tsx so that every schema is built in jitless mode.
 */
import { z } from 'zod';

z.config({ jitless: true });
