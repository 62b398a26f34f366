import { useId, useState } from 'react';
import { accountApi, type Facilitator, signInHref } from '../../accounts/account-api.js';
import type { AuthLoad } from '../../accounts/useAuthStatus.js';
import { useT } from '../../i18n/LocaleProvider.js';
import { LoadFailed } from '../../ui/LoadFailed.js';
import { clearToken } from '../../workshop/tokens.js';
import { SignInMessage, type SignInNotice } from './SignInMessage.js';

/**
 * The facilitators' corner of the start page: signed out, how to get in (the organisation's
 * sign-in, or an invite from the administrator); signed in, who and "Logg ut".
 */
export function FacilitatorCard({
  auth,
  notice,
  onRetry,
  onSignedOut,
}: {
  auth: AuthLoad;
  notice: SignInNotice | null;
  onRetry(): void;
  onSignedOut(): void;
}) {
  const t = useT();
  const headingId = useId();
  return (
    <section className="card facilitator-card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('account.facilitators')}</h2>
      {notice && <SignInMessage notice={notice} />}
      {auth.kind === 'loading' && (
        <p role="status" className="muted">
          {t('account.loading')}
        </p>
      )}
      {auth.kind === 'failed' && (
        <LoadFailed message={t('account.statusFailed')} onRetry={onRetry} />
      )}
      {auth.kind === 'ready' &&
        (auth.status.facilitator ? (
          <SignedIn facilitator={auth.status.facilitator} onSignedOut={onSignedOut} />
        ) : (
          <SignedOut oidc={auth.status.oidc} />
        ))}
    </section>
  );
}

function SignedOut({ oidc }: { oidc: boolean }) {
  const t = useT();
  return (
    <>
      {oidc && (
        <>
          <p className="field-hint">{t('account.signInIntro')}</p>
          {/* A link, not a button: it leaves for the identity provider's page. */}
          <a className="btn btn-primary btn-large" href={signInHref('/')}>
            {t('account.signIn')}
          </a>
        </>
      )}
      <p className={oidc ? 'field-hint invite-line' : 'invite-line'}>
        {t(oidc ? 'account.inviteAlso' : 'account.inviteIntro')}
      </p>
    </>
  );
}

function SignedIn({ facilitator, onSignedOut }: { facilitator: Facilitator; onSignedOut(): void }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  const signOut = async () => {
    setBusy(true);
    setFailed(false);
    try {
      // This browser keeps a console token per gathering; on a shared computer the next
      // person must not walk into them, so the account's own are forgotten first.
      const own = await accountApi.workshops().catch(() => []);
      for (const w of own) clearToken(w.workshopId);
      await accountApi.logout();
      onSignedOut();
    } catch {
      setFailed(true);
      setBusy(false);
    }
  };

  return (
    <div className="signed-in">
      <p className="signed-in-as">
        {t('account.signedInAs')} <strong className="account-name">{facilitator.name}</strong>
        {facilitator.org && <span className="muted"> · {facilitator.org}</span>}
      </p>
      <button type="button" className="btn" onClick={signOut} disabled={busy}>
        {busy ? t('account.signingOut') : t('account.signOut')}
      </button>
      {failed && (
        <p className="error" role="alert">
          {t('error.network')}
        </p>
      )}
    </div>
  );
}
