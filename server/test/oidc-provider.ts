/// <reference path="./oidc-provider-types.d.ts" />
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** A person the test identity provider knows: the login name typed into its form, and claims. */
export interface TestIdentity {
  /** Becomes the `sub` claim; any other login is refused by the provider. */
  login: string;
  claims?: Record<string, unknown>;
}

export interface TestOidcProvider {
  /** The issuer URL (`http://127.0.0.1:<port>`). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (`oidc-provider` with its development login and consent
 * pages) on loopback, for the sign-in tests. One client is registered with the given
 * redirect URIs; the claims of each identity come back from the userinfo endpoint (scopes
 * `profile` and `email`, with `groups` and `org` under `profile`).
 */
export async function startOidcProvider(opts: {
  accounts: TestIdentity[];
  redirectUris: string[];
  port?: number;
  clientId?: string;
  clientSecret?: string;
}): Promise<TestOidcProvider> {
  const clientId = opts.clientId ?? 'torg-test';
  const clientSecret = opts.clientSecret ?? crypto.randomBytes(24).toString('base64url');
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const known = new Map(opts.accounts.map((a) => [a.login, a]));
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: opts.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    async findAccount(_ctx, sub) {
      const identity = known.get(sub);
      if (!identity) return undefined;
      return { accountId: sub, claims: () => ({ sub, ...identity.claims }) };
    },
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username', 'groups', 'org'],
      email: ['email'],
    },
    cookies: { keys: [crypto.randomBytes(24).toString('base64url')] },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    // Set, so the provider does not announce its defaults on every sign-in.
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
  });
  const handler = provider.callback();
  server.on('request', handler);
  return {
    issuer,
    clientId,
    clientSecret,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
