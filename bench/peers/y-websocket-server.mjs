// The reference y-websocket server (@y/websocket-server 0.1.1, the `y-websocket-server` bin that
// y-websocket@2 shipped), in memory: no YPERSISTENCE. Started by bench/load.ts with PORT and HOST.
// Exits on SIGTERM (as the default does) but through process.exit, so that a --cpu-prof
// profile (LOAD_PROFILE) is written.
process.once('SIGTERM', () => process.exit(0));
delete process.env.YPERSISTENCE;
await import(new URL('../node_modules/@y/websocket-server/src/server.js', import.meta.url).href);
