import { MIN_ADMIN_TOKEN_LENGTH } from './account-service.js';
import { checkOidcSettings, type OidcSettings } from './oidc.js';

/**
 * The account settings from environment variables (`TORG_ADMIN_TOKEN`, `TORG_OIDC_*`),
 * passed in by `main.ts`. Throws with a message naming the variable for a value that must
 * not start a server (a short admin token, a half-configured or plain-http identity provider).
 */
export function accountSettingsFromEnv(env: Record<string, string | undefined>): {
  adminToken: string | null;
  oidc: OidcSettings | null;
} {
  const adminToken = env.TORG_ADMIN_TOKEN || null;
  if (adminToken !== null && adminToken.length < MIN_ADMIN_TOKEN_LENGTH)
    throw new Error(`TORG_ADMIN_TOKEN must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters`);
  const issuer = env.TORG_OIDC_ISSUER || null;
  const clientId = env.TORG_OIDC_CLIENT_ID || null;
  if (!issuer && !clientId) return { adminToken, oidc: null };
  if (!issuer || !clientId) throw new Error('TORG_OIDC_ISSUER and TORG_OIDC_CLIENT_ID go together');
  const facilitatorValue = env.TORG_OIDC_FACILITATOR_VALUE || null;
  const facilitatorClaim = env.TORG_OIDC_FACILITATOR_CLAIM || null;
  if (facilitatorValue && !facilitatorClaim)
    throw new Error('TORG_OIDC_FACILITATOR_VALUE needs TORG_OIDC_FACILITATOR_CLAIM');
  const oidc: OidcSettings = {
    issuer,
    clientId,
    clientSecret: env.TORG_OIDC_CLIENT_SECRET || null,
    facilitatorClaim,
    facilitatorValue,
    orgClaim: env.TORG_OIDC_ORG_CLAIM || null,
    ...(env.TORG_OIDC_SCOPE ? { scope: env.TORG_OIDC_SCOPE } : {}),
  };
  try {
    checkOidcSettings(oidc);
  } catch (err) {
    if (err instanceof TypeError) throw new Error('TORG_OIDC_ISSUER is not a URL');
    throw err;
  }
  return { adminToken, oidc };
}
