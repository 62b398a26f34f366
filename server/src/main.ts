import path from 'node:path';
import { accountSettingsFromEnv } from './accounts/settings.js';
import { defaultConfig } from './config.js';
import { consoleLogger, errorMessage } from './logger.js';
import { scaledRateLimits } from './security/budgets.js';
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
if (env.TORG_MAX_IMAGE_PIXELS) {
  const max = Number(env.TORG_MAX_IMAGE_PIXELS);
  if (!Number.isSafeInteger(max) || max <= 0) {
    consoleLogger.error('server.bad_config', { TORG_MAX_IMAGE_PIXELS: env.TORG_MAX_IMAGE_PIXELS });
    process.exit(1);
  }
  config.limits.maxImagePixels = max;
}
if (env.TORG_MAX_IMPORT_BYTES) {
  const max = Number(env.TORG_MAX_IMPORT_BYTES);
  if (!Number.isSafeInteger(max) || max <= 0) {
    consoleLogger.error('server.bad_config', { TORG_MAX_IMPORT_BYTES: env.TORG_MAX_IMPORT_BYTES });
    process.exit(1);
  }
  config.limits.maxImportBytes = max;
}
if (env.TORG_MAX_JSON_BYTES) {
  const max = Number(env.TORG_MAX_JSON_BYTES);
  if (!Number.isSafeInteger(max) || max <= 0) {
    consoleLogger.error('server.bad_config', { TORG_MAX_JSON_BYTES: env.TORG_MAX_JSON_BYTES });
    process.exit(1);
  }
  config.limits.maxJsonBytes = max;
}
// A typo here would either trust forged addresses or share one budget: neither starts.
if (env.TORG_TRUST_PROXY) {
  const hops = Number(env.TORG_TRUST_PROXY);
  if (!Number.isSafeInteger(hops) || hops < 0 || hops > 10) {
    consoleLogger.error('server.bad_config', { TORG_TRUST_PROXY: env.TORG_TRUST_PROXY });
    process.exit(1);
  }
  config.trustProxy = hops;
}
if (env.TORG_RATE_LIMIT_SCALE) {
  const factor = Number(env.TORG_RATE_LIMIT_SCALE);
  if (!Number.isFinite(factor) || factor <= 0) {
    consoleLogger.error('server.bad_config', { TORG_RATE_LIMIT_SCALE: env.TORG_RATE_LIMIT_SCALE });
    process.exit(1);
  }
  config.rateLimits = scaledRateLimits(factor);
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
if (env.TORG_EXPORT_THREADS) {
  const threads = Number(env.TORG_EXPORT_THREADS);
  if (!Number.isSafeInteger(threads) || threads <= 0 || threads > 64) {
    consoleLogger.error('server.bad_config', { TORG_EXPORT_THREADS: env.TORG_EXPORT_THREADS });
    process.exit(1);
  }
  config.exportThreads = threads;
}
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

// Open scratch boards: off unless asked for (anyone could store boards otherwise).
config.openBoards = env.TORG_OPEN_BOARDS === '1' || env.TORG_OPEN_BOARDS === 'true';

// Secrets: never logged. A bad value stops the start rather than leaving the door open.
try {
  Object.assign(config, accountSettingsFromEnv(env));
} catch (err) {
  consoleLogger.error('server.bad_config', { error: errorMessage(err) });
  process.exit(1);
}

try {
  const server = await startServer(config);
  // On a fresh server without an identity provider: the way in for the first facilitator.
  const invite = await server.accounts.firstStartInvite(config.publicUrls[0] ?? server.url);
  process.stdout.write(
    `\nTorg kjører på / is running at ${server.url}  (data: ${config.databaseUrl ? 'PostgreSQL' : config.dataDir})\n${
      invite ? `Første fasilitator / First facilitator: ${invite}\n` : ''
    }\n`,
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
