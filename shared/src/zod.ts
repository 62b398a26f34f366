import { z } from 'zod/mini';

/**
 * Zod as every schema in shared builds with it: `import { z } from './zod.js'`, never from 'zod'.
 * It is Zod's functional API (`zod/mini`: `z.optional(x)`, `x.check(z.maxLength(80))`), whose
 * parts the client's build keeps only as far as they are used: a third of the classic API's
 * bytes on a phone's first load (issue 18).
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

/**
 * Validation messages in English ("Too big: expected string to have <=80 characters"), for
 * whoever reads a refusal (the server's 400 answers name the first problem). Called once by a
 * server; the browser never needs them, and its build leaves them out.
 */
export function useEnglishValidationMessages(): void {
  z.config(z.locales.en());
}

export { z };
