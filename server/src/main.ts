import path from 'node:path';
import { defaultConfig } from './config.js';
import { consoleLogger, errorMessage } from './logger.js';
import { startServer } from './server.js';

/** Runtime wiring: the only place that reads the environment. */
const env = process.env;
const config = defaultConfig({
  port: env.PORT ? Number(env.PORT) : 8787,
  host: env.HOST ?? '0.0.0.0',
  dataDir: path.resolve(env.TORG_DATA_DIR ?? './data'),
  // Contains the password: never logged.
  databaseUrl: env.TORG_DATABASE_URL || null,
  redisUrl: env.TORG_REDIS_URL || null,
  // Secrets are never logged; a missing TORG_SECRET means one is generated into the data dir.
  secret: env.TORG_SECRET || undefined,
  publicUrls: (env.TORG_PUBLIC_URL ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean),
});
if (env.TORG_MAX_MESSAGE_BYTES) config.limits.maxMessageBytes = Number(env.TORG_MAX_MESSAGE_BYTES);
if (env.TORG_MAX_IMAGE_BYTES) {
  const max = Number(env.TORG_MAX_IMAGE_BYTES);
  // A typo must not start a server without an upload limit (NaN compares false to everything).
  if (!Number.isSafeInteger(max) || max <= 0) {
    consoleLogger.error('server.bad_config', { TORG_MAX_IMAGE_BYTES: env.TORG_MAX_IMAGE_BYTES });
    process.exit(1);
  }
  config.limits.maxImageBytes = max;
}
if (env.TORG_MAX_IMPORT_BYTES) {
  const max = Number(env.TORG_MAX_IMPORT_BYTES);
  if (!Number.isSafeInteger(max) || max <= 0) {
    consoleLogger.error('server.bad_config', { TORG_MAX_IMPORT_BYTES: env.TORG_MAX_IMPORT_BYTES });
    process.exit(1);
  }
  config.limits.maxImportBytes = max;
}

/** Optional integer settings of the sync limits; a typo stops the start rather than disabling one. */
const syncLimits = {
  TORG_AWARENESS_TICK_MS: 'awarenessTickMs',
  TORG_MAX_BUFFERED_BYTES: 'maxBufferedBytes',
  TORG_MAX_MESSAGES_PER_SECOND: 'maxMessagesPerSecond',
  TORG_MESSAGE_BURST: 'messageBurst',
  TORG_ANON_MESSAGES_PER_SECOND: 'anonymousMessagesPerSecond',
  TORG_ANON_MESSAGE_BURST: 'anonymousMessageBurst',
  TORG_MAX_CONNECTIONS_PER_CLIENT: 'maxConnectionsPerClient',
} as const;
for (const [name, key] of Object.entries(syncLimits)) {
  const raw = env[name];
  if (!raw) continue;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) {
    consoleLogger.error('server.bad_config', { [name]: raw });
    process.exit(1);
  }
  config.limits[key] = value;
}

try {
  const server = await startServer(config);
  process.stdout.write(
    `\nTorg kjører på / is running at ${server.url}  (data: ${config.databaseUrl ? 'PostgreSQL' : config.dataDir})\n\n`,
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    consoleLogger.info('server.signal', { signal });
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        consoleLogger.error('server.close_failed', { error: errorMessage(err) });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
} catch (err) {
  consoleLogger.error('server.start_failed', { error: errorMessage(err) });
  process.exit(1);
}
