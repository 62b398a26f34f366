import { formatDay, type MeasureStatus, type MessageKey, type RoundOutcome } from '@torg/shared';
import { useEffect, useId, useState } from 'react';
import { useLocale } from '../i18n/LocaleProvider.js';
import { Link } from '../router.js';
import { LoadFailed } from '../ui/LoadFailed.js';
import { PageHeader } from '../ui/PageHeader.js';
import { errorKey } from '../workshop/api.js';
import { contentLang, useGatheringLocale } from './gathering-locale.js';
import { inputApi, isNotFound } from './input-api.js';

type Load =
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'failed'; message: MessageKey }
  | { kind: 'ready'; outcome: RoundOutcome };

/** A measure's status in words (its colour only repeats them). */
const STATUS: Record<MeasureStatus, MessageKey> = {
  planned: 'outcome.status.planned',
  started: 'outcome.status.started',
  done: 'outcome.status.done',
  dropped: 'outcome.status.dropped',
};

/**
 * `/innspill/<workshopId>/<roundId>/svar`: "Dette gjorde vi med innspillene", once the
 * organisers publish it: the question, how many inputs each stakeholder type gave, and each
 * approved input with the measures it led to. Until then (or for a wrong link): a kind word.
 */
export function OutcomePage({ workshopId, roundId }: { workshopId: string; roundId: string }) {
  const { t, locale } = useLocale();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const outcome = load.kind === 'ready' ? load.outcome : null;
  useGatheringLocale(outcome?.locale);
  const countsId = useId();
  const inputsId = useId();

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the request ("try again")
  useEffect(() => {
    let live = true;
    setLoad({ kind: 'loading' });
    inputApi.outcome(workshopId, roundId).then(
      (found) => live && setLoad({ kind: 'ready', outcome: found }),
      (err: unknown) => {
        if (!live) return;
        if (isNotFound(err)) setLoad({ kind: 'missing' });
        else setLoad({ kind: 'failed', message: errorKey(err) });
      },
    );
    return () => {
      live = false;
    };
  }, [workshopId, roundId, attempt]);

  useEffect(() => {
    document.title = `${outcome ? outcome.gathering : t('outcome.title')} – ${t('app.name')}`;
  }, [outcome, t]);

  const lang = contentLang(outcome?.locale);
  return (
    <main className="page input-page outcome-page">
      <PageHeader />
      {load.kind === 'loading' && (
        <>
          <h1>{t('outcome.title')}</h1>
          <p role="status" className="muted">
            {t('outcome.loading')}
          </p>
        </>
      )}
      {load.kind === 'missing' && (
        <>
          <h1>{t('outcome.notPublishedTitle')}</h1>
          <p>{t('outcome.notPublished')}</p>
          <p>
            <Link href={`/innspill/${workshopId}/${roundId}`}>{t('outcome.toQuestion')}</Link>
          </p>
        </>
      )}
      {load.kind === 'failed' && (
        <>
          <h1>{t('outcome.title')}</h1>
          <LoadFailed message={t(load.message)} onRetry={() => setAttempt((n) => n + 1)} />
        </>
      )}
      {outcome && (
        <>
          <p className="input-gathering">{outcome.gathering}</p>
          <h1>{t('outcome.title')}</h1>
          <div className="outcome-question">
            <p className="outcome-question-label">{t('outcome.question')}</p>
            <p className="outcome-question-text" lang={lang}>
              {outcome.question}
            </p>
          </div>

          <section className="outcome-section" aria-labelledby={countsId}>
            <h2 id={countsId}>{t('outcome.countsHeading')}</h2>
            <table className="outcome-counts">
              <thead>
                <tr>
                  <th scope="col">{t('outcome.countsWho')}</th>
                  <th scope="col" className="outcome-count">
                    {t('outcome.countsCount')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {outcome.counts.map((c) => (
                  <tr key={c.label}>
                    <th scope="row" lang={lang}>
                      {c.label}
                    </th>
                    <td className="outcome-count">{c.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <section className="outcome-section" aria-labelledby={inputsId}>
            <h2 id={inputsId}>{t('outcome.inputsHeading')}</h2>
            {outcome.inputs.length === 0 ? (
              <p className="muted">{t('outcome.countsNone')}</p>
            ) : (
              <ul className="outcome-inputs">
                {outcome.inputs.map((input, i) => (
                  // The list is the server's, in the order the inputs came; it has no ids.
                  // biome-ignore lint/suspicious/noArrayIndexKey: the list is read whole, never reordered
                  <li key={i} className="card outcome-input">
                    <p className="outcome-text" lang={lang}>
                      {input.text}
                    </p>
                    <p className="outcome-from">
                      {input.name
                        ? t('outcome.fromNamed', {
                            name: input.name,
                            stakeholder: input.stakeholder,
                          })
                        : t('outcome.from', { stakeholder: input.stakeholder })}
                    </p>
                    <div className="outcome-led">
                      <p className="outcome-led-label">{t('outcome.ledTo')}</p>
                      {input.measures.length === 0 ? (
                        <p className="outcome-none">{t('outcome.none')}</p>
                      ) : (
                        <ul className="outcome-measures">
                          {input.measures.map((m, j) => (
                            // biome-ignore lint/suspicious/noArrayIndexKey: as above
                            <li key={j} className="outcome-measure">
                              <span className="outcome-measure-text" lang={lang}>
                                {m.text}
                              </span>
                              <span className="outcome-measure-facts">
                                <span className={`measure-status measure-${m.status}`}>
                                  {t(STATUS[m.status])}
                                </span>
                                {m.due && (
                                  <span className="outcome-due">
                                    {t('outcome.due', { date: formatDay(locale, m.due) })}
                                  </span>
                                )}
                              </span>
                            </li>
                          ))}
                        </ul>
                      )}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </main>
  );
}
