import { type MessageKey, momentParts, type PublicRound } from '@torg/shared';
import { inputTexts } from '@torg/shared/locale/input';
import { useEffect, useId, useRef, useState } from 'react';
import { addTexts } from '../i18n/extra-texts.js';
import { useLocale } from '../i18n/LocaleProvider.js';
import { Link } from '../router.js';
import { LoadFailed } from '../ui/LoadFailed.js';
import { PageHeader } from '../ui/PageHeader.js';
import { errorKey } from '../workshop/api.js';
import { ContributeForm, type Sender } from './ContributeForm.js';
import { contentLang, useGatheringLocale } from './gathering-locale.js';
import { inputApi, isNotFound } from './input-api.js';
import { OutcomePage } from './OutcomePage.js';
import './input.css';

// These pages' words come with them (the rest of the app never needs them).
addTexts(inputTexts);

/**
 * `/innspill/<workshopId>/<roundId>` and `…/svar`: an input round's public pages, for people
 * outside the gathering (no account): the question and its form, and, once the organisers
 * publish it, "Dette gjorde vi med innspillene".
 */
export function InputRoute({
  workshopId,
  roundId,
  outcome,
}: {
  workshopId: string;
  roundId: string;
  outcome: boolean;
}) {
  return outcome ? (
    <OutcomePage workshopId={workshopId} roundId={roundId} />
  ) : (
    <InputPage workshopId={workshopId} roundId={roundId} />
  );
}

type Load =
  | { kind: 'loading' }
  | { kind: 'unknown' }
  | { kind: 'failed'; message: MessageKey }
  | { kind: 'ready'; round: PublicRound };

type View = { kind: 'form'; focus: boolean } | { kind: 'sent'; count: number };

/** The question and its form: who you are, one to five inputs, your name if you like. */
export function InputPage({ workshopId, roundId }: { workshopId: string; roundId: string }) {
  const { t, locale } = useLocale();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [view, setView] = useState<View>({ kind: 'form', focus: false });
  const [sender, setSender] = useState<Sender>({ stakeholderId: null, name: '' });
  /** The round closed while this page was open (the server said so when sending). */
  const [closedNow, setClosedNow] = useState(false);
  const round = load.kind === 'ready' ? load.round : null;
  useGatheringLocale(round?.locale);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the request ("try again")
  useEffect(() => {
    let live = true;
    setLoad({ kind: 'loading' });
    inputApi.round(workshopId, roundId).then(
      (found) => live && setLoad({ kind: 'ready', round: found }),
      (err: unknown) => {
        if (!live) return;
        if (isNotFound(err)) setLoad({ kind: 'unknown' });
        else setLoad({ kind: 'failed', message: errorKey(err) });
      },
    );
    return () => {
      live = false;
    };
  }, [workshopId, roundId, attempt]);

  useEffect(() => {
    document.title = `${round ? round.gathering : t('contribute.title')} – ${t('app.name')}`;
  }, [round, t]);

  const outcomeHref = `/innspill/${workshopId}/${roundId}/svar`;
  const lang = contentLang(round?.locale);
  const closes = round ? momentParts(locale, round.closesAt) : null;
  const closesText = closes ? t('format.moment', closes) : '';
  const open = round?.open === true && !closedNow;
  const closedHeading = useRef<HTMLHeadingElement>(null);
  // Closed while sending: the form is gone, so the focus goes to what is said instead.
  useEffect(() => {
    if (closedNow) closedHeading.current?.focus();
  }, [closedNow]);

  return (
    <main className="page input-page">
      <PageHeader />
      {load.kind === 'loading' && (
        <>
          <h1>{t('contribute.title')}</h1>
          <p role="status" className="muted">
            {t('contribute.loading')}
          </p>
        </>
      )}
      {load.kind === 'unknown' && (
        <>
          <h1>{t('contribute.unknownTitle')}</h1>
          <p>{t('contribute.unknown')}</p>
        </>
      )}
      {load.kind === 'failed' && (
        <>
          <h1>{t('contribute.title')}</h1>
          <LoadFailed message={t(load.message)} onRetry={() => setAttempt((n) => n + 1)} />
        </>
      )}
      {round && (
        <>
          <p className="input-gathering">{t('contribute.for', { gathering: round.gathering })}</p>
          <h1 className="input-question" lang={lang}>
            {round.question}
          </h1>
          {open && (
            <p className="input-closes">{t('contribute.closesAt', { moment: closesText })}</p>
          )}
          {!open && (
            <section className="card input-closed" aria-labelledby={`${roundId}-closed`}>
              <h2 id={`${roundId}-closed`} ref={closedHeading} tabIndex={-1}>
                {t('contribute.closedTitle')}
              </h2>
              {closedNow && (
                <p className="error" role="alert">
                  {t('contribute.closedNow')}
                </p>
              )}
              <p>
                {round.closesAt <= Date.now()
                  ? t('contribute.closedAt', { moment: closesText })
                  : t('contribute.closedEarly')}
              </p>
              <p className="input-closed-link">
                <Link href={outcomeHref}>{t('contribute.seeOutcome')}</Link>
              </p>
            </section>
          )}
          {open && view.kind === 'sent' && (
            <Thanks
              count={view.count}
              outcomeHref={outcomeHref}
              onAnother={() => setView({ kind: 'form', focus: true })}
            />
          )}
          {open && view.kind === 'form' && (
            <ContributeForm
              workshopId={workshopId}
              roundId={roundId}
              round={round}
              sender={sender}
              focusFirst={view.focus}
              onSent={(count, next) => {
                setSender(next);
                setView({ kind: 'sent', count });
              }}
              onClosed={() => setClosedNow(true)}
              onUnknown={() => setLoad({ kind: 'unknown' })}
            />
          )}
        </>
      )}
    </main>
  );
}

/** After sending: the thanks (focused, so a screen reader says it), and a way to send more. */
function Thanks({
  count,
  outcomeHref,
  onAnother,
}: {
  count: number;
  outcomeHref: string;
  onAnother: () => void;
}) {
  const { t } = useLocale();
  const heading = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="card input-thanks" aria-labelledby={headingId}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {t('contribute.thanks', { count })}
      </h2>
      <p>{t('contribute.thanksText', { count })}</p>
      <p>
        {t('contribute.outcomeLater')} <Link href={outcomeHref}>{t('outcome.title')}</Link>
      </p>
      <button type="button" className="btn btn-primary btn-large input-wide" onClick={onAnother}>
        {t('contribute.another')}
      </button>
    </section>
  );
}
