import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSettings, SETTINGS, SettingError, settingsHelp } from './settings.js';

const error = (env: Record<string, string>) => {
  try {
    readSettings(env);
  } catch (err) {
    if (err instanceof SettingError) return err.message;
    throw err;
  }
  return null;
};

describe('settings from the environment', () => {
  it('has the documented defaults with nothing set', () => {
    const config = readSettings({});
    expect(config.port).toBe(8787);
    expect(config.host).toBe('0.0.0.0');
    expect(config.dataDir).toBe(path.resolve('./data'));
    expect(config.databaseUrl).toBeNull();
    expect(config.publicUrls).toEqual([]);
    expect(config.limits.maxJsonBytes).toBe(65_536);
  });

  it('reads every kind of value', () => {
    const config = readSettings({
      PORT: '9000',
      TORG_DATA_DIR: '/var/lib/torg',
      TORG_PUBLIC_URL: 'https://torg.kommune.no, https://torg2.kommune.no',
      TORG_OPEN_BOARDS: '1',
      TORG_MAX_JSON_BYTES: '131072',
      TORG_TRUST_PROXY: '2',
      TORG_EXPORT_THREADS: '3',
      TORG_LOG_LEVEL: 'warn',
      TORG_DATABASE_URL: 'postgres://torg:pw@db:5432/torg',
    });
    expect(config).toMatchObject({
      port: 9000,
      dataDir: '/var/lib/torg',
      publicUrls: ['https://torg.kommune.no', 'https://torg2.kommune.no'],
      openBoards: true,
      trustProxy: 2,
      exportThreads: 3,
      databaseUrl: 'postgres://torg:pw@db:5432/torg',
    });
    expect(config.limits.maxJsonBytes).toBe(131_072);
  });

  it('stops at a value that does not fit, naming the setting in one line', () => {
    for (const [env, says] of [
      [{ TORG_MAX_JSON_BYTES: '64k' }, 'TORG_MAX_JSON_BYTES="64k": a whole number'],
      [{ TORG_TRUST_PROXY: 'yes' }, 'TORG_TRUST_PROXY="yes": a whole number from 0 to 10'],
      [{ PORT: '80000' }, 'PORT="80000"'],
      [{ TORG_OPEN_BOARDS: 'ja' }, 'TORG_OPEN_BOARDS="ja": 0 or 1'],
      [{ TORG_PUBLIC_URL: 'torg.kommune.no' }, 'TORG_PUBLIC_URL'],
      [{ TORG_LOG_LEVEL: 'debug' }, 'TORG_LOG_LEVEL="debug": error, warn, info'],
      [{ TORG_ADMIN_TOKEN: 'short' }, 'TORG_ADMIN_TOKEN must be at least 32 characters'],
      [{ TORG_METRICS_TOKEN: 'short' }, 'TORG_METRICS_TOKEN: at least 32 characters'],
      [{ TORG_METRICS_PORT: 'ja' }, 'TORG_METRICS_PORT="ja": a whole number from 1 to 65535'],
      [{ TORG_METRICS_HOST: '0.0.0.0' }, 'TORG_METRICS_HOST is the interface of TORG_METRICS_PORT'],
    ] as const) {
      const message = error(env);
      expect(message, JSON.stringify(env)).toContain(says);
      expect(message).not.toContain('\n');
    }
    // A URL with a password is named, never shown.
    const db = error({ TORG_DATABASE_URL: 'mysql://torg:hemmelig@db/torg' });
    expect(db).toContain('TORG_DATABASE_URL');
    expect(db).not.toContain('hemmelig');
  });

  it('metrics are off by default, on the public port with a token, or on a port of their own', () => {
    expect(readSettings({}).metrics).toBeUndefined();
    const token = 'm'.repeat(32);
    expect(readSettings({ TORG_METRICS_TOKEN: token }).metrics).toEqual({
      token,
      port: null,
      host: '127.0.0.1',
    });
    expect(
      readSettings({ TORG_METRICS_PORT: '9464', TORG_METRICS_HOST: '10.0.0.5' }).metrics,
    ).toEqual({ token: null, port: 9464, host: '10.0.0.5' });
  });

  it('stops at a TORG_ name it does not know, and suggests the one meant', () => {
    expect(error({ TORG_MAX_JSON_BYTE: '1000' })).toBe(
      'TORG_MAX_JSON_BYTE is no setting of Torg (did you mean TORG_MAX_JSON_BYTES?); see --help',
    );
    expect(error({ TORG_WHATEVER: '1' })).toBe('TORG_WHATEVER is no setting of Torg; see --help');
    // The project's own tools' variables share the environment in development and tests.
    expect(error({ TORG_CHROMIUM: '/usr/bin/chromium', TORG_SOURCEMAPS: '1' })).toBeNull();
  });

  it('--help lists every setting with its default', () => {
    const help = settingsHelp();
    for (const s of SETTINGS) expect(help).toMatch(new RegExp(`^  ${s.name} .*\\(default: `, 'm'));
  });
});
