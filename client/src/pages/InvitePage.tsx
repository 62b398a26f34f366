import { momentParts } from '@torg/shared';
import { useEffect, useState } from 'react';
import { accountApi, type InviteInfo } from '../accounts/account-api.js';
import { useLocale } from '../i18n/LocaleProvider.js';
import { Link, navigate } from '../router.js';
import { PageHeader } from '../ui/PageHeader.js';
import { ApiError, errorKey } from '../workshop/api.js';
import './home/home.css';
import { LoadFailed } from '../ui/LoadFailed.js';

type Load =
  | { kind: 'loading' }
  | { kind: 'invalid' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; invite: InviteInfo };

/**
 * `/invite/<secret>`: a facilitator invite from the administrator. Accepting it makes the
 * account, signs this browser in and opens the start page; the link then stops working.
 */
export function InvitePage({ token }: { token: string }) {
  const { t, locale } = useLocale();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the request ("try again")
  useEffect(() => {
    let live = true;
    setLoad({ kind: 'loading' });
    accountApi.invite(token).then(
      (invite) => live && setLoad({ kind: 'ready', invite }),
      (err: unknown) => {
        if (!live) return;
        if (err instanceof ApiError && (err.status === 404 || err.status === 400))
          setLoad({ kind: 'invalid' });
        else setLoad({ kind: 'failed', message: t(errorKey(err)) });
      },
    );
    return () => {
      live = false;
    };
  }, [token, attempt]);

  useEffect(() => {
    document.title = `${t('invite.title')} – ${t('app.name')}`;
  }, [t]);

  const accept = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await accountApi.acceptInvite(token);
      navigate('/', { replace: true });
    } catch (err) {
      setBusy(false);
      // Used up or expired between showing and accepting (another tab, the clock).
      if (err instanceof ApiError && err.status === 404) setLoad({ kind: 'invalid' });
      else setFailure(t(errorKey(err)));
    }
  };

  // When the invitation runs out, in the reader's own time zone.
  const expires = load.kind === 'ready' ? momentParts(locale, load.invite.expiresAt) : null;
  const expiresText = expires ? t('format.moment', expires) : '';

  return (
    <main className="page invite-page">
      <PageHeader />
      {load.kind === 'loading' && (
        <>
          <h1>{t('invite.title')}</h1>
          <p role="status" className="muted">
            {t('invite.loading')}
          </p>
        </>
      )}
      {load.kind === 'invalid' && (
        <>
          <h1>{t('invite.invalidTitle')}</h1>
          <p className="error" role="alert">
            {t('invite.invalid')}
          </p>
          <p>
            <Link href="/">{t('board.home')}</Link>
          </p>
        </>
      )}
      {load.kind === 'failed' && (
        <>
          <h1>{t('invite.title')}</h1>
          <LoadFailed message={load.message} onRetry={() => setAttempt((n) => n + 1)} />
        </>
      )}
      {load.kind === 'ready' && (
        <>
          <h1>{t('invite.welcome', { name: load.invite.name })}</h1>
          <div className="card invite-card">
            <p>{t('invite.intro')}</p>
            <p className="field-hint">{t('invite.expires', { date: expiresText })}</p>
            {failure && (
              <p className="error" role="alert">
                {failure}
              </p>
            )}
            <button
              type="button"
              className="btn btn-primary btn-large"
              disabled={busy}
              onClick={accept}
            >
              {busy ? t('invite.accepting') : t('invite.accept')}
            </button>
          </div>
        </>
      )}
    </main>
  );
}
