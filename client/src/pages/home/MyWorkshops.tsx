import { formatDay } from '@torg/shared';
import { useEffect, useId, useState } from 'react';
import { accountApi, isSignInRequired, type OwnWorkshop } from '../../accounts/account-api.js';
import { useLocale } from '../../i18n/LocaleProvider.js';
import { navigate } from '../../router.js';
import { LoadFailed } from '../../ui/LoadFailed.js';
import { errorKey } from '../../workshop/api.js';
import { setToken } from '../../workshop/tokens.js';

type Load =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; workshops: OwnWorkshop[] };

/**
 * "Mine samlinger": the signed-in facilitator's own gatherings, newest first. "Åpne" asks the
 * server for a facilitator token (the owner's), keeps it the way every facilitator token is
 * kept in this browser, and goes to the console.
 */
export function MyWorkshops({ onSignedOut }: { onSignedOut(): void }) {
  const { t, locale } = useLocale();
  const headingId = useId();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [opening, setOpening] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the request
  useEffect(() => {
    let live = true;
    accountApi.workshops().then(
      (workshops) => live && setLoad({ kind: 'ready', workshops }),
      (err: unknown) => {
        if (!live) return;
        if (isSignInRequired(err)) onSignedOut();
        else setLoad({ kind: 'failed', message: t(errorKey(err)) });
      },
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  const open = async (workshopId: string) => {
    setOpening(workshopId);
    setFailure(null);
    try {
      const r = await accountApi.enter(workshopId);
      setToken(r.workshopId, r.token);
      navigate(`/w/${r.workshopId}/console`);
    } catch (err) {
      setOpening(null);
      if (isSignInRequired(err)) onSignedOut();
      else setFailure(t(errorKey(err)));
    }
  };

  return (
    <section className="card my-workshops" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('account.mine')}</h2>
      {load.kind === 'loading' && (
        <p role="status" className="muted">
          {t('account.mineLoading')}
        </p>
      )}
      {load.kind === 'failed' && (
        <LoadFailed message={load.message} onRetry={() => setAttempt((n) => n + 1)} />
      )}
      {load.kind === 'ready' && load.workshops.length === 0 && (
        <p className="muted">{t('account.mineEmpty')}</p>
      )}
      {load.kind === 'ready' && load.workshops.length > 0 && (
        <ul className="workshop-list">
          {load.workshops.map((w) => (
            <li key={w.workshopId}>
              <span className="workshop-list-text">
                <span className="workshop-list-title">{w.title}</span>
                <span className="muted">
                  {formatDay(locale, w.date)}
                  {w.series && <span className="tag">{w.series.name}</span>}
                  {w.ended && <span className="tag">{t('account.ended')}</span>}
                </span>
              </span>
              <button
                type="button"
                className="btn"
                disabled={opening !== null}
                onClick={() => open(w.workshopId)}
              >
                {opening === w.workshopId ? t('account.opening') : t('account.open')}
                <span className="visually-hidden"> {w.title}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
    </section>
  );
}
