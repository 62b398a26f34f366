import { newId } from '@torg/shared';
import type { Logger } from '../logger.js';
import type { AccessStore, FacilitatorAccount } from '../storage/storage.js';
import { LOGIN_TTL_SECONDS, SESSION_TTL_SECONDS } from './cookies.js';
import { DEFAULT_INVITE_DAYS, Invites, inviteUrl } from './invites.js';
import {
  accountFields,
  isFacilitator,
  type LoginChecks,
  OidcClient,
  type OidcSettings,
} from './oidc.js';
import { SignedValues, secretsEqual } from './signed.js';

/** Shortest administrator token accepted (so it cannot be guessed). */
export const MIN_ADMIN_TOKEN_LENGTH = 32;

export interface AccountSettings {
  adminToken: string | null;
  oidc: OidcSettings | null;
}

/**
 * Facilitator accounts: who may create gatherings. Sessions (a signed cookie naming the
 * account, checked against storage on every request), sign-in through the identity
 * provider, one-time invites, and the administrator token.
 */
export class AccountService {
  readonly invites: Invites;
  readonly oidc: OidcClient | null;
  private readonly sessions: SignedValues;
  private readonly logins: SignedValues;

  constructor(
    private readonly access: AccessStore,
    secret: string,
    private readonly settings: AccountSettings,
    private readonly logger: Logger,
  ) {
    if (settings.adminToken !== null && settings.adminToken.length < MIN_ADMIN_TOKEN_LENGTH)
      throw new Error(`the admin token must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters`);
    this.invites = new Invites(access);
    this.oidc = settings.oidc ? new OidcClient(settings.oidc) : null;
    this.sessions = new SignedValues(secret, 'facilitator-session');
    this.logins = new SignedValues(secret, 'oidc-login');
  }

  get adminTokenConfigured(): boolean {
    return this.settings.adminToken !== null;
  }

  /** Whether `token` is the configured administrator token (never true when none is). */
  isAdminToken(token: string | null): boolean {
    const admin = this.settings.adminToken;
    return admin !== null && token !== null && secretsEqual(token, admin);
  }

  // --- sessions ---

  sessionFor(account: FacilitatorAccount): string {
    return this.sessions.sign({ f: account.id, g: account.sessionGen }, SESSION_TTL_SECONDS);
  }

  /**
   * The account of a session cookie; null when forged, expired, signed out (of an older
   * session generation) or the account is gone.
   */
  async accountOf(cookie: string | undefined): Promise<FacilitatorAccount | null> {
    const data = this.sessions.verify(cookie);
    if (!data || typeof data.f !== 'string' || data.f.length > 64) return null;
    const account = await this.access.getFacilitator(data.f);
    return account && data.g === account.sessionGen ? account : null;
  }

  /** Signs the account out everywhere: every copy of every session cookie it had is dead. */
  async signOut(cookie: string | undefined): Promise<void> {
    const account = await this.accountOf(cookie);
    if (account) await this.access.endSessions(account.id);
  }

  // --- sign-in through the identity provider ---

  loginState(checks: LoginChecks, returnTo: string): string {
    return this.logins.sign({ ...checks, r: returnTo }, LOGIN_TTL_SECONDS);
  }

  readLoginState(value: string | undefined): (LoginChecks & { returnTo: string }) | null {
    const d = this.logins.verify(value);
    if (!d) return null;
    const { state, nonce, verifier, r } = d;
    if (
      typeof state !== 'string' ||
      typeof nonce !== 'string' ||
      typeof verifier !== 'string' ||
      typeof r !== 'string'
    )
      return null;
    return { state, nonce, verifier, returnTo: r };
  }

  /**
   * The account for a person the identity provider signed in: created on first sign-in,
   * name and organisation kept up to date. Null when the claims do not mark a facilitator
   * (nothing is stored then).
   */
  async signIn(claims: Record<string, unknown>): Promise<FacilitatorAccount | null> {
    const oidc = this.settings.oidc;
    if (!oidc) return null;
    if (!isFacilitator(oidc, claims)) return null;
    const { subject, name, org } = accountFields(oidc, claims);
    const known = await this.access.findFacilitatorBySubject(subject);
    if (known) {
      if (known.name !== name || known.org !== org)
        await this.access.updateFacilitator(known.id, { name, org });
      return { ...known, name, org };
    }
    const account: FacilitatorAccount = {
      id: newId(),
      subject,
      name,
      org,
      createdAt: Date.now(),
      sessionGen: 0,
    };
    try {
      await this.access.putFacilitator(account);
    } catch (err) {
      // The same person signing in twice at once: the other request stored the account.
      const raced = await this.access.findFacilitatorBySubject(subject);
      if (!raced) throw err;
      return raced;
    }
    this.logger.info('account.created', { accountId: account.id, via: 'oidc' });
    return account;
  }

  // --- invites ---

  /** Takes an invite: its account, or null when it is unknown, used or expired. */
  async acceptInvite(secret: string): Promise<FacilitatorAccount | null> {
    const invite = await this.invites.claim(secret);
    if (!invite) return null;
    const account: FacilitatorAccount = {
      id: newId(),
      subject: `invite:${invite.id}`,
      name: invite.name,
      org: null,
      createdAt: Date.now(),
      sessionGen: 0,
    };
    await this.access.putFacilitator(account);
    this.logger.info('account.created', { accountId: account.id, via: 'invite' });
    return account;
  }

  /**
   * On a fresh server without an identity provider: a one-time invite for the first
   * facilitator (printed by the caller); null once any facilitator exists, or with OIDC.
   */
  async firstStartInvite(base: string): Promise<string | null> {
    if (this.settings.oidc) return null;
    if ((await this.access.countFacilitators()) > 0) return null;
    const { secret } = await this.invites.create('Fasilitator', DEFAULT_INVITE_DAYS);
    return inviteUrl(base, secret);
  }
}
