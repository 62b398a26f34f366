import type * as Client from 'openid-client';

/** openid-client is loaded by the first sign-in: a server without a provider never needs it. */
const openid = () => import('openid-client');

/** The identity provider settings (`TORG_OIDC_*`). */
export interface OidcSettings {
  /** Issuer URL; `https://`, or `http://` on loopback only (tests). */
  issuer: string;
  clientId: string;
  /** Null: a public client (PKCE only). */
  clientSecret: string | null;
  /**
   * Which claim marks a facilitator (a dotted path such as `realm_access.roles` works), and
   * the value it must have or contain (a string or an array of strings, e.g. `groups`). No
   * claim: everyone the provider signs in may create gatherings. A claim without a value:
   * it must be `true` or a non-empty string or array.
   */
  facilitatorClaim: string | null;
  facilitatorValue: string | null;
  /** A claim naming the organisation; accounts of one organisation share saved templates. */
  orgClaim: string | null;
  /** Scopes asked for; default `openid profile email`. */
  scope?: string;
}

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** Throws for settings that must not start a server (a plain-http issuer on the network). */
export function checkOidcSettings(s: OidcSettings): void {
  const url = new URL(s.issuer);
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return;
  throw new Error('TORG_OIDC_ISSUER must be an https:// URL (http:// only on loopback)');
}

/** What one sign-in needs to remember between the redirect and the callback. */
export interface LoginChecks {
  state: string;
  nonce: string;
  verifier: string;
}

/**
 * The OpenID Connect client: authorization code flow with PKCE, state and nonce. The
 * provider's metadata is discovered once and kept (a failed discovery is tried again on the
 * next sign-in, so a provider that was down at start does not need a restart).
 */
export class OidcClient {
  private configuration: Promise<Client.Configuration> | null = null;

  constructor(readonly settings: OidcSettings) {
    checkOidcSettings(settings);
  }

  private config(): Promise<Client.Configuration> {
    if (!this.configuration) {
      const { issuer, clientId, clientSecret } = this.settings;
      const insecure = new URL(issuer).protocol === 'http:';
      this.configuration = openid()
        .then((client) =>
          client.discovery(
            new URL(issuer),
            clientId,
            clientSecret ?? undefined,
            clientSecret ? client.ClientSecretPost(clientSecret) : client.None(),
            { timeout: 10, ...(insecure ? { execute: [client.allowInsecureRequests] } : {}) },
          ),
        )
        .catch((err: unknown) => {
          this.configuration = null;
          throw err;
        });
    }
    return this.configuration;
  }

  /** Where to send the browser, and the checks to keep for the callback. */
  async begin(redirectUri: string): Promise<{ url: string; checks: LoginChecks }> {
    const config = await this.config();
    const client = await openid();
    const checks: LoginChecks = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
    };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: this.settings.scope ?? 'openid profile email',
      code_challenge: await client.calculatePKCECodeChallenge(checks.verifier),
      code_challenge_method: 'S256',
      state: checks.state,
      nonce: checks.nonce,
    });
    return { url: url.href, checks };
  }

  /**
   * Exchanges the code of a callback (`callbackUrl`: the redirect URI with the callback's
   * query) and returns the person's claims: the ID token's, completed from the userinfo
   * endpoint (many providers put groups only there). Throws on any mismatch.
   */
  async finish(callbackUrl: URL, checks: LoginChecks): Promise<Record<string, unknown>> {
    const config = await this.config();
    const client = await openid();
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: checks.verifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims) throw new Error('no ID token');
    let userinfo: Record<string, unknown> = {};
    if (config.serverMetadata().userinfo_endpoint)
      userinfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
    return { ...userinfo, ...idClaims };
  }
}

/** The value at a dotted claim path (`groups`, `realm_access.roles`). */
function claimAt(claims: Record<string, unknown>, path: string): unknown {
  let value: unknown = claims;
  for (const part of path.split('.')) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Whether the claims mark a facilitator under these settings. */
export function isFacilitator(s: OidcSettings, claims: Record<string, unknown>): boolean {
  if (!s.facilitatorClaim) return true;
  const value = claimAt(claims, s.facilitatorClaim);
  if (s.facilitatorValue === null)
    return (
      value === true ||
      (typeof value === 'string' && value !== '') ||
      (Array.isArray(value) && value.length > 0)
    );
  if (typeof value === 'string') return value === s.facilitatorValue;
  return Array.isArray(value) && value.includes(s.facilitatorValue);
}

const text = (v: unknown, max: number): string | null =>
  typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, max) : null;

/** The account fields from the claims: a stable subject, a display name and the organisation. */
export function accountFields(
  s: OidcSettings,
  claims: Record<string, unknown>,
): { subject: string; name: string; org: string | null } {
  const sub = text(claims.sub, 255);
  if (!sub) throw new Error('no sub claim');
  const name =
    text(claims.name, 80) ??
    text(claims.preferred_username, 80) ??
    text(claims.email, 80) ??
    'Fasilitator';
  const rawOrg = s.orgClaim ? claimAt(claims, s.orgClaim) : null;
  const org = text(Array.isArray(rawOrg) ? rawOrg[0] : rawOrg, 200);
  return { subject: `oidc:${s.issuer}|${sub}`, name, org };
}

/**
 * A failed sign-in as one line for the log: openid-client's message, its cause, and the
 * provider's OAuth error code (`invalid_grant` for a spent code), never tokens.
 */
export function describeOidcError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const parts = [err.message];
  const oauth = (err as { error?: unknown }).error;
  if (typeof oauth === 'string') parts.push(oauth);
  if (err.cause instanceof Error) parts.push(err.cause.message);
  else if (err.cause && typeof err.cause === 'object' && 'message' in err.cause)
    parts.push(String((err.cause as { message: unknown }).message));
  return parts.join(': ');
}
