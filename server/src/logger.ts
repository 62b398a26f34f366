/** Structured logger. The default writes one JSON object per line to stderr. */
export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

function line(level: string, event: string, fields?: Record<string, unknown>): string {
  return JSON.stringify({ t: new Date().toISOString(), level, event, ...fields });
}

export const consoleLogger: Logger = {
  info: (event, fields) => process.stderr.write(`${line('info', event, fields)}\n`),
  warn: (event, fields) => process.stderr.write(`${line('warn', event, fields)}\n`),
  error: (event, fields) => process.stderr.write(`${line('error', event, fields)}\n`),
};

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** From the most to the least important (`TORG_LOG_LEVEL`). */
export const LOG_LEVELS = ['error', 'warn', 'info'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** `base`, writing only the lines at `level` or more important. */
export function levelledLogger(base: Logger, level: LogLevel): Logger {
  const rank = LOG_LEVELS.indexOf(level);
  const quiet = () => {};
  return {
    error: base.error,
    warn: rank >= 1 ? base.warn : quiet,
    info: rank >= 2 ? base.info : quiet,
  };
}

/** A logger that keeps entries in memory, for tests that assert what was logged. */
export function memoryLogger(): Logger & {
  entries: { level: string; event: string; fields?: Record<string, unknown> }[];
} {
  const entries: { level: string; event: string; fields?: Record<string, unknown> }[] = [];
  return {
    entries,
    info: (event, fields) => entries.push({ level: 'info', event, fields }),
    warn: (event, fields) => entries.push({ level: 'warn', event, fields }),
    error: (event, fields) => entries.push({ level: 'error', event, fields }),
  };
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
