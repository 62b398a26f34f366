import { z } from 'zod';

/**
 * Zod compiles fast object parsers with `new Function` where it may, and probes for that when a
 * schema is built. In the browser the app runs under a Content-Security-Policy without
 * 'unsafe-eval' (server/src/routes/security-headers.ts), where even the probe is reported as a
 * violation, so in a browser Zod is told not to try. This module is the first one that
 * `index.ts` loads: before any schema exists. Servers keep the compiled parsers.
 */
if ('document' in globalThis) z.config({ jitless: true });
