import { consoleLogger, errorMessage } from './logger.js';
import { startServer } from './server.js';
import { readSettings, SettingError, settingsHelp } from './settings.js';

/** Runtime wiring: the only place that reads the environment (through `settings.ts`). */
if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write(settingsHelp());
  process.exit(0);
}
let config: ReturnType<typeof readSettings>;
try {
  config = readSettings(process.env);
} catch (err) {
  // One line naming the setting; nothing starts with a value it cannot trust.
  if (!(err instanceof SettingError)) throw err;
  process.stderr.write(`Torg: ${err.message}\n`);
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
    config.logger.info('server.signal', { signal });
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
