import { describe, expect, it } from 'vitest';
import { safeReturnPath } from '../routes/auth.js';
import { accountFields, isFacilitator, type OidcSettings } from './oidc.js';
import { accountSettingsFromEnv } from './settings.js';
import { SignedValues } from './signed.js';

const oidc = (over: Partial<OidcSettings> = {}): OidcSettings => ({
  issuer: 'https://login.kommune.no',
  clientId: 'torg',
  clientSecret: null,
  facilitatorClaim: 'groups',
  facilitatorValue: 'torg-fasilitatorer',
  orgClaim: null,
  ...over,
});

describe('account settings from the environment', () => {
  it('refuses what must not start a server', () => {
    expect(() => accountSettingsFromEnv({ TORG_ADMIN_TOKEN: 'short' })).toThrow(/32/);
    expect(() => accountSettingsFromEnv({ TORG_OIDC_ISSUER: 'https://x.no' })).toThrow(/CLIENT_ID/);
    const plain = { TORG_OIDC_ISSUER: 'http://login.kommune.no', TORG_OIDC_CLIENT_ID: 'torg' };
    expect(() => accountSettingsFromEnv(plain)).toThrow(/https/);
    const bad = { TORG_OIDC_ISSUER: 'not a url', TORG_OIDC_CLIENT_ID: 'torg' };
    expect(() => accountSettingsFromEnv(bad)).toThrow(/not a URL/);
    const valueOnly = {
      TORG_OIDC_ISSUER: 'https://x.no',
      TORG_OIDC_CLIENT_ID: 'torg',
      TORG_OIDC_FACILITATOR_VALUE: 'a',
    };
    expect(() => accountSettingsFromEnv(valueOnly)).toThrow(/FACILITATOR_CLAIM/);
  });

  it('reads a complete configuration; nothing set means no admin token and no sign-in', () => {
    expect(accountSettingsFromEnv({})).toEqual({ adminToken: null, oidc: null });
    const s = accountSettingsFromEnv({
      TORG_ADMIN_TOKEN: 'a'.repeat(32),
      TORG_OIDC_ISSUER: 'http://127.0.0.1:9000',
      TORG_OIDC_CLIENT_ID: 'torg',
      TORG_OIDC_CLIENT_SECRET: 's',
      TORG_OIDC_FACILITATOR_CLAIM: 'realm_access.roles',
      TORG_OIDC_FACILITATOR_VALUE: 'fasilitator',
      TORG_OIDC_ORG_CLAIM: 'org',
    });
    expect(s.adminToken).toBe('a'.repeat(32));
    expect(s.oidc).toMatchObject({ clientSecret: 's', facilitatorClaim: 'realm_access.roles' });
  });
});

describe('the facilitator claim', () => {
  it('matches a string, or an array that contains the value, also at a dotted path', () => {
    expect(isFacilitator(oidc(), { groups: ['a', 'torg-fasilitatorer'] })).toBe(true);
    expect(isFacilitator(oidc(), { groups: 'torg-fasilitatorer' })).toBe(true);
    expect(isFacilitator(oidc(), { groups: ['torg-fasilitatorer-ikke'] })).toBe(false);
    expect(isFacilitator(oidc(), { groups: 'torg' })).toBe(false);
    expect(isFacilitator(oidc(), {})).toBe(false);
    expect(isFacilitator(oidc(), { groups: { 'torg-fasilitatorer': true } })).toBe(false);
    const nested = oidc({ facilitatorClaim: 'realm_access.roles', facilitatorValue: 'f' });
    expect(isFacilitator(nested, { realm_access: { roles: ['f'] } })).toBe(true);
    expect(isFacilitator(nested, { 'realm_access.roles': ['f'] })).toBe(false);
  });

  it('without a value the claim must be true or non-empty; without a claim everyone is', () => {
    const flag = oidc({ facilitatorClaim: 'torg', facilitatorValue: null });
    expect(isFacilitator(flag, { torg: true })).toBe(true);
    expect(isFacilitator(flag, { torg: false })).toBe(false);
    expect(isFacilitator(flag, { torg: [] })).toBe(false);
    expect(isFacilitator(flag, { torg: '' })).toBe(false);
    expect(isFacilitator(oidc({ facilitatorClaim: null, facilitatorValue: null }), {})).toBe(true);
  });

  it('the account is keyed by issuer and subject, with a bounded name and organisation', () => {
    const f = accountFields(oidc({ orgClaim: 'org' }), {
      sub: 'abc',
      preferred_username: 'kari',
      org: ['Ås kommune', 'Annet'],
    });
    expect(f).toEqual({
      subject: 'oidc:https://login.kommune.no|abc',
      name: 'kari',
      org: 'Ås kommune',
    });
    expect(accountFields(oidc(), { sub: 'x', name: 'n'.repeat(500) }).name).toHaveLength(80);
    expect(() => accountFields(oidc(), { name: 'no subject' })).toThrow();
  });
});

describe('the return path after sign-in', () => {
  it('is a path on this site, else /', () => {
    expect(safeReturnPath('/w/abc/console?x=1#y')).toBe('/w/abc/console?x=1#y');
    for (const bad of [
      undefined,
      '',
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      'javascript:alert(1)',
      '/\tevil',
      '/ok\nSet-Cookie: x',
      `/${'a'.repeat(600)}`,
    ])
      expect(safeReturnPath(bad), String(bad)).toBe('/');
  });
});

describe('signed values', () => {
  it('verify only for their own purpose, unaltered and unexpired', () => {
    const sessions = new SignedValues('secret', 'facilitator-session');
    const logins = new SignedValues('secret', 'oidc-login');
    const v = sessions.sign({ f: 'abc' }, 60);
    expect(sessions.verify(v)).toMatchObject({ f: 'abc' });
    expect(logins.verify(v)).toBeNull();
    expect(new SignedValues('other', 'facilitator-session').verify(v)).toBeNull();
    expect(sessions.verify(sessions.sign({ f: 'abc' }, 60, Date.now() - 120_000))).toBeNull();
    expect(sessions.verify(`${v}x`)).toBeNull();
    expect(sessions.verify(`${v}.extra`)).toBeNull();
  });
});
