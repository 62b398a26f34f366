import { plannedStarts, type WorkshopState } from '@torg/shared';
import { useId } from 'react';
import { useT } from '../../i18n/LocaleProvider.js';
import { agendaOf, clockLabel } from './agenda-format.js';

/**
 * The plan of the day as participants see it: the steps left in it with their planned times,
 * the one running now marked (also for screen readers: `aria-current="step"`), those done
 * greyed. Nothing while the facilitator has made no plan.
 */
export function DayPlan({ state }: { state: WorkshopState }) {
  const t = useT();
  const headingId = useId();
  const agenda = agendaOf(state);
  const steps = agenda.steps.filter((s) => !s.skipped);
  if (steps.length === 0) return null;
  const planned = plannedStarts(agenda);
  return (
    <section className="card day-plan" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('plan.title')}</h2>
      <ol className="day-plan-steps">
        {steps.map((s) => {
          const now = s.id === agenda.currentId;
          const done = !now && s.endedAt !== null;
          return (
            <li
              key={s.id}
              aria-current={now ? 'step' : undefined}
              data-now={now || undefined}
              data-done={done || undefined}
            >
              <span className="day-plan-time">{clockLabel(t, planned.get(s.id) ?? 0)}</span>{' '}
              <span className="day-plan-title">{s.title}</span>
              {now && <span className="badge-now">{t('plan.now')}</span>}
              {done && <span className="muted"> · {t('plan.done')}</span>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
