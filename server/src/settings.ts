import path from 'node:path';
import { accountSettingsFromEnv } from './accounts/settings.js';
import {
  defaultConfig,
  type MetricsSettings,
  MIN_METRICS_TOKEN_LENGTH,
  type ServerConfig,
} from './config.js';
import { consoleLogger, LOG_LEVELS, type LogLevel, levelledLogger } from './logger.js';
import { scaledRateLimits } from './security/budgets.js';

/**
 * Every setting the server reads from its environment, in one table: its name, its default as
 * `--help` shows it, what it means, and how its text becomes part of the config. `readSettings`
 * is the only code that reads the environment (from `main.ts`); a value that does not fit, or a
 * `TORG_` name the server does not know (a typo would otherwise be silently ignored), stops the
 * start with one line naming it.
 */

type Env = Record<string, string | undefined>;

interface Setting {
  name: string;
  /** The default, as people read it in `--help`. */
  default: string;
  help: string;
  /** Writes the (non-empty) value into the config; throws `SettingError` when it does not fit. */
  apply(config: ServerConfig, raw: string): void;
}

/** A setting that stops the start: `message` names it and says what would fit. */
export class SettingError extends Error {}

const bad = (name: string, raw: string, wanted: string) =>
  new SettingError(`${name}=${JSON.stringify(raw)}: ${wanted}`);

function wholeNumber(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min || value > max)
    throw bad(name, raw, `a whole number from ${min} to ${max}`);
  return value;
}

const MAX_BYTES = 2 ** 40;

/** A whole number of a limit of `config.limits`, ≥ 1. */
function limit(
  name: string,
  key: keyof ServerConfig['limits'],
  fallback: string,
  help: string,
): Setting {
  return whole(name, fallback, help, [1, MAX_BYTES], (config, value) => {
    config.limits[key] = value;
  });
}

/** A whole number from `min` to `max`, written into the config by `set`. */
function whole(
  name: string,
  fallback: string,
  help: string,
  [min, max]: [number, number],
  set: (config: ServerConfig, value: number) => void,
): Setting {
  return {
    name,
    default: fallback,
    help,
    apply: (c, raw) => set(c, wholeNumber(name, raw, min, max)),
  };
}

/** The metrics' settings, made when the first of them is read. */
const metricsOf = (c: ServerConfig): MetricsSettings =>
  (c.metrics ??= { token: null, port: null, host: '127.0.0.1' });

/** Read by `accountSettingsFromEnv` (checked there, together). */
const account = (name: string, fallback: string, help: string): Setting => ({
  name,
  default: fallback,
  help,
  apply: () => {},
});

export const SETTINGS: readonly Setting[] = [
  whole('PORT', '8787', 'HTTP and WebSocket port', [0, 65_535], (c, v) => {
    c.port = v;
  }),
  {
    name: 'HOST',
    default: '0.0.0.0',
    help: 'interface to listen on (127.0.0.1: this machine only)',
    apply: (c, raw) => {
      c.host = raw;
    },
  },
  {
    name: 'TORG_DATA_DIR',
    default: './data',
    help: 'folder for the SQLite file torg.sqlite and the secret (created if missing)',
    apply: (c, raw) => {
      c.dataDir = path.resolve(raw);
    },
  },
  {
    name: 'TORG_DATABASE_URL',
    default: '(none: SQLite)',
    help: 'PostgreSQL URL (postgres://user:password@host:5432/torg): store there instead',
    apply: (c, raw) => {
      if (!/^postgres(ql)?:\/\//.test(raw))
        throw new SettingError('TORG_DATABASE_URL: a postgres:// URL (its value is not shown)');
      c.databaseUrl = raw;
    },
  },
  {
    name: 'TORG_REDIS_URL',
    default: '(none: one server)',
    help: 'Redis URL (redis://host:6379): with TORG_DATABASE_URL, one of several servers',
    apply: (c, raw) => {
      if (!/^rediss?:\/\//.test(raw))
        throw new SettingError(
          'TORG_REDIS_URL: a redis:// or rediss:// URL (its value is not shown)',
        );
      c.redisUrl = raw;
    },
  },
  {
    name: 'TORG_SECRET',
    default: '(generated into <data dir>/secret)',
    help: 'HMAC secret that signs participant tokens',
    apply: (c, raw) => {
      c.secret = raw;
    },
  },
  {
    name: 'TORG_PUBLIC_URL',
    default: "(the request's own host)",
    help: 'comma-separated origins allowed to connect and send commands, e.g. https://torg.kommune.no',
    apply: (c, raw) => {
      const urls = raw
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean);
      for (const url of urls)
        if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol))
          throw bad('TORG_PUBLIC_URL', raw, 'comma-separated http(s) origins');
      c.publicUrls = urls;
    },
  },
  account(
    'TORG_ADMIN_TOKEN',
    '(none)',
    'administrator credential for scripts, at least 32 characters',
  ),
  {
    name: 'TORG_OPEN_BOARDS',
    default: '0',
    help: '1: any board id of no workshop is an open scratch board anyone with the link may use',
    apply: (c, raw) => {
      if (!['0', '1', 'true', 'false'].includes(raw)) throw bad('TORG_OPEN_BOARDS', raw, '0 or 1');
      c.openBoards = raw === '1' || raw === 'true';
    },
  },
  account(
    'TORG_OIDC_ISSUER',
    '(none: no sign-in)',
    'the identity provider facilitators sign in with (https)',
  ),
  account('TORG_OIDC_CLIENT_ID', '(none)', "Torg's client id there"),
  account('TORG_OIDC_CLIENT_SECRET', '(none: public client)', 'its client secret'),
  account('TORG_OIDC_FACILITATOR_CLAIM', '(none: everyone)', 'claim that marks facilitators'),
  account('TORG_OIDC_FACILITATOR_VALUE', '(none)', 'value that claim must be or contain'),
  account('TORG_OIDC_ORG_CLAIM', '(none)', 'claim naming the organisation (shares templates)'),
  account('TORG_OIDC_SCOPE', 'openid profile email', 'scopes asked for'),
  limit(
    'TORG_MAX_MESSAGE_BYTES',
    'maxMessageBytes',
    '2097152',
    'largest WebSocket message accepted',
  ),
  limit('TORG_MAX_IMAGE_BYTES', 'maxImageBytes', '10485760', 'largest image upload accepted'),
  limit(
    'TORG_MAX_IMAGE_PIXELS',
    'maxImagePixels',
    '40000000',
    'largest width × height of an image',
  ),
  limit('TORG_MAX_IMPORT_BYTES', 'maxImportBytes', '209715200', 'largest workshop backup imported'),
  limit('TORG_MAX_JSON_BYTES', 'maxJsonBytes', '65536', 'largest body of every other API request'),
  whole(
    'TORG_TRUST_PROXY',
    '0',
    'reverse proxies in front whose X-Forwarded-For is believed',
    [0, 10],
    (c, v) => {
      c.trustProxy = v;
    },
  ),
  {
    name: 'TORG_RATE_LIMIT_SCALE',
    default: '1',
    help: 'multiplies every per-address budget (e.g. 4 for a huge event behind one address)',
    apply: (c, raw) => {
      const factor = Number(raw);
      if (!Number.isFinite(factor) || factor <= 0)
        throw bad('TORG_RATE_LIMIT_SCALE', raw, 'a number above 0');
      c.rateLimits = scaledRateLimits(factor);
    },
  },
  whole(
    'TORG_EXPORT_THREADS',
    'cores − 1, 1 to 4',
    'exports that render at once on worker threads',
    [1, 64],
    (c, v) => {
      c.exportThreads = v;
    },
  ),
  limit(
    'TORG_AWARENESS_TICK_MS',
    'awarenessTickMs',
    '50',
    'presence goes out once per this many ms',
  ),
  limit(
    'TORG_MAX_BUFFERED_BYTES',
    'maxBufferedBytes',
    '8388608',
    'unsent bytes before a slow connection is cut',
  ),
  limit(
    'TORG_MAX_MESSAGES_PER_SECOND',
    'maxMessagesPerSecond',
    '200',
    'sustained messages/s of a connection with a token',
  ),
  limit('TORG_MESSAGE_BURST', 'messageBurst', '400', 'messages such a connection may send at once'),
  limit(
    'TORG_ANON_MESSAGES_PER_SECOND',
    'anonymousMessagesPerSecond',
    '100',
    'the same rate without a token',
  ),
  limit(
    'TORG_ANON_MESSAGE_BURST',
    'anonymousMessageBurst',
    '200',
    'the same burst without a token',
  ),
  limit(
    'TORG_MAX_CONNECTIONS_PER_CLIENT',
    'maxConnectionsPerClient',
    '32',
    'sync connections per participant (or address)',
  ),
  {
    name: 'TORG_METRICS_TOKEN',
    default: '(none)',
    help: `serves /metrics (Prometheus) to Authorization: Bearer <it>; at least ${MIN_METRICS_TOKEN_LENGTH} characters`,
    apply: (c, raw) => {
      if (raw.length < MIN_METRICS_TOKEN_LENGTH)
        throw new SettingError(
          `TORG_METRICS_TOKEN: at least ${MIN_METRICS_TOKEN_LENGTH} characters (its value is not shown)`,
        );
      metricsOf(c).token = raw;
    },
  },
  whole(
    'TORG_METRICS_PORT',
    '(none)',
    'serves /metrics on this port instead of the public one',
    [1, 65_535],
    (c, v) => {
      metricsOf(c).port = v;
    },
  ),
  {
    name: 'TORG_METRICS_HOST',
    default: '127.0.0.1',
    help: 'the interface of TORG_METRICS_PORT',
    apply: (c, raw) => {
      metricsOf(c).host = raw;
    },
  },
  {
    name: 'TORG_LOG_LEVEL',
    default: 'info',
    help: `the least important log lines written: ${LOG_LEVELS.join(', ')}`,
    apply: (c, raw) => {
      if (!(LOG_LEVELS as readonly string[]).includes(raw))
        throw bad('TORG_LOG_LEVEL', raw, LOG_LEVELS.join(', '));
      c.logger = levelledLogger(consoleLogger, raw as LogLevel);
    },
  },
];

/**
 * `TORG_` variables of the project's other tools, which share an environment with the server
 * in development and tests: not the server's, not a typo.
 */
const OTHER_TOOLS = new Set([
  'TORG_SOURCEMAPS', // client build
  'TORG_BACKEND', // client development server's proxy
  'TORG_CHROMIUM', // browser tests
  'TORG_SHOTS',
  'TORG_E2E_SERVER_LOG',
]);

/** The config the environment asks for; throws `SettingError` naming the first bad setting. */
export function readSettings(env: Env): ServerConfig {
  const known = new Set(SETTINGS.map((s) => s.name));
  for (const name of Object.keys(env).sort())
    if (name.startsWith('TORG_') && !known.has(name) && !OTHER_TOOLS.has(name)) {
      const near = closest(name, [...known]);
      throw new SettingError(
        `${name} is no setting of Torg${near ? ` (did you mean ${near}?)` : ''}; see --help`,
      );
    }
  const config = defaultConfig({ dataDir: path.resolve('./data') });
  for (const setting of SETTINGS) {
    const raw = env[setting.name];
    if (raw) setting.apply(config, raw);
  }
  if (config.metrics && config.metrics.token === null && config.metrics.port === null)
    throw new SettingError('TORG_METRICS_HOST is the interface of TORG_METRICS_PORT: set that too');
  try {
    Object.assign(config, accountSettingsFromEnv(env));
  } catch (err) {
    throw new SettingError(err instanceof Error ? err.message : String(err));
  }
  return config;
}

/** `--help`: every setting with its default and meaning. */
export function settingsHelp(): string {
  const width = Math.max(...SETTINGS.map((s) => s.name.length));
  const lines = SETTINGS.map((s) => `  ${s.name.padEnd(width)}  ${s.help} (default: ${s.default})`);
  return [
    'Torg: a collaborative workshop whiteboard. Settings are environment variables:',
    '',
    ...lines,
    '',
    'Example: PORT=9000 TORG_DATA_DIR=/var/lib/torg npm start',
    '',
  ].join('\n');
}

/** The known name nearest a misspelt one (at most 3 edits away), or null. */
function closest(name: string, names: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = 4;
  for (const candidate of names) {
    const d = distance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = current;
  }
  return previous[b.length] ?? 0;
}
