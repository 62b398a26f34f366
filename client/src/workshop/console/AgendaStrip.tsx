import {
  currentStep,
  isoDay,
  minutesBehind,
  nextStep,
  plannedStarts,
  REPORT_TIME_ZONE,
} from '@torg/shared';
import { useEffect, useId, useState } from 'react';
import { useT } from '../../i18n/LocaleProvider.js';
import { note } from '../../ui/toast-note.js';
import { agendaOf, clockLabel } from '../agenda/agenda-format.js';
import { api } from '../api.js';
import { serverNow, useServerClock } from '../timer/useServerClock.js';
import type { PanelProps } from './types.js';

/** How often "minutes behind plan" is worked out again. */
const TICK_MS = 15_000;

/**
 * The plan of the day at the top of the console, on every step: what runs now, what comes
 * next and when it was planned, how far ahead or behind plan it will start (the running step
 * taking its planned minutes), and
 * "Start neste steg" (or "Avslutt dagen" after the last step). Hidden while there is no plan.
 */
export function AgendaStrip({ ctx, run }: PanelProps) {
  const t = useT();
  const labelId = useId();
  useServerClock();
  const [, setTick] = useState(0);
  useEffect(() => {
    const id = setInterval(() => setTick((n) => n + 1), TICK_MS);
    return () => clearInterval(id);
  }, []);
  const agenda = agendaOf(ctx.state);
  if (agenda.steps.length === 0 || ctx.state.meta?.ended) return null;

  const now = currentStep(agenda);
  const next = nextStep(agenda);
  const planned = plannedStarts(agenda);
  // Behind or ahead only on the gathering's own day (or once it has begun): a plan made days
  // before says nothing yet about being late.
  const onItsDay =
    agenda.steps.some((s) => s.startedAt !== null) ||
    isoDay(serverNow(), REPORT_TIME_ZONE) === ctx.state.meta?.date;
  const behind = onItsDay ? minutesBehind(agenda, serverNow(), REPORT_TIME_ZONE) : null;
  const pace =
    behind === null
      ? null
      : behind > 0
        ? t('agenda.behind', { minutes: behind })
        : behind < 0
          ? t('agenda.ahead', { minutes: -behind })
          : t('agenda.onTime');
  const round = ctx.state.presentation?.round;
  const startNext = () =>
    run(
      () => api.agendaNext(ctx.workshopId, ctx.token, agenda.currentId),
      next ? note('agenda.stepStarted', { title: next.title }) : undefined,
    );

  return (
    <section className="agenda-strip" aria-labelledby={labelId}>
      <h2 id={labelId} className="visually-hidden">
        {t('agenda.strip')}
      </h2>
      <p className="agenda-strip-now">
        <strong>{t('agenda.now')}:</strong>{' '}
        {now
          ? now.title
          : agenda.currentId === null && !next
            ? t('agenda.dayOver')
            : t('agenda.nothingYet')}
      </p>
      {next && (
        <p className="agenda-strip-next">
          <strong>{t('agenda.next')}:</strong>{' '}
          {t('agenda.nextAt', {
            title: next.title,
            time: clockLabel(t, planned.get(next.id) ?? 0),
          })}
          {pace && (
            <>
              {' · '}
              <span className="agenda-pace" data-behind={behind !== null && behind > 0}>
                {pace}
              </span>
            </>
          )}
        </p>
      )}
      {round && (
        // A presentation round runs: the next group presents (its own countdown starts).
        <button
          type="button"
          className="btn"
          onClick={() => void run(() => api.presentNext(ctx.workshopId, ctx.token))}
        >
          {round.turn + 1 < round.boards.length ? t('present.nextGroup') : t('present.endRound')} (
          {t('present.turn', { n: round.turn + 1, count: round.boards.length })})
        </button>
      )}
      {next ? (
        <button type="button" className="btn btn-primary" onClick={() => void startNext()}>
          {t('agenda.startNext')}
        </button>
      ) : (
        now && (
          <button
            type="button"
            className="btn"
            onClick={() => void run(() => api.agendaEnd(ctx.workshopId, ctx.token))}
          >
            {t('agenda.endDay')}
          </button>
        )
      )}
    </section>
  );
}
