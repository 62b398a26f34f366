import { z } from 'zod';

/**
 * Zod as every schema in shared builds with it: `import { z } from './zod.js'`, never from 'zod'.
 *
 * Zod compiles fast object parsers with `new Function` where it may, and probes for that when a
 * schema is built. In the browser the app runs under a Content-Security-Policy without
 * 'unsafe-eval' (server/src/routes/security-headers.ts), where even the probe is reported as a
 * violation, so in a browser Zod is told not to try. Because each schema module takes `z` from
 * here, this runs before any schema exists in whatever chunk of the client the schema lands in
 * (the client is split into chunks; a side-effect import in the index would not be). Servers
 * keep the compiled parsers.
 */
if ('document' in globalThis) z.config({ jitless: true });

export { z };
