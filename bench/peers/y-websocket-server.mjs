// The reference y-websocket server (@y/websocket-server 0.1.1, the `y-websocket-server` bin that
// y-websocket@2 shipped), in memory: no YPERSISTENCE. Started by bench/load.ts with PORT and HOST.
delete process.env.YPERSISTENCE;
await import(new URL('../node_modules/@y/websocket-server/src/server.js', import.meta.url).href);
