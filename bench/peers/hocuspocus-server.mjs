// Hocuspocus 3 with no extensions (in memory, no persistence). Started by bench/load.ts with
// PORT and HOST; prints the port on stdout once listening.
// Exits on SIGTERM (as the default does) but through process.exit, so that a --cpu-prof
// profile (LOAD_PROFILE) is written.
process.once('SIGTERM', () => process.exit(0));

import { Server } from '@hocuspocus/server';

const port = Number(process.env.PORT ?? 1234);
const server = new Server({ port, address: process.env.HOST ?? '127.0.0.1', quiet: true });
await server.listen();
console.log(`hocuspocus listening on :${port}`);
