import {
  AGENDA_MAX_STEPS,
  AGENDA_STEP_KINDS,
  type Agenda,
  type AgendaPlan,
  type AgendaStepKind,
  BUILTIN_TEMPLATES,
  clockMinutes,
  newId,
  plannedEnd,
  plannedStarts,
  plannedStepOf,
  STEP_MINUTES,
} from '@torg/shared';
import { type FormEvent, useId, useState } from 'react';
import { useT } from '../../i18n/LocaleProvider.js';
import { note } from '../../ui/toast-note.js';
import { agendaOf, clockLabel, momentLabel } from '../agenda/agenda-format.js';
import { api } from '../api.js';
import { KIND_LABEL } from './agenda-kinds.js';
import { DayPlanTemplates } from './DayPlanTemplates.js';
import { TEMPLATE_NAME } from './template-names.js';
import type { PanelProps } from './types.js';

type DraftStep = AgendaPlan['steps'][number];
interface Draft {
  dayStart: string;
  steps: DraftStep[];
}

/** The plan as the facilitator edits it: the stored steps without what happened to them. */
function draftOf(agenda: Agenda): Draft {
  return {
    dayStart: agenda.dayStart,
    steps: agenda.steps.map((s) => ({ id: s.id, ...plannedStepOf(s) })),
  };
}

const usesTemplate = (kind: AgendaStepKind) => kind === 'phase' || kind === 'plenary';

/**
 * The plan of the day ("Kjøreplan"): the day's start and its steps in order, each with its
 * kind, name, minutes and (for a phase or plenary board) template; planned times follow from
 * them. Steps are added, removed, moved, skipped and re-timed here, also while the day runs:
 * what has started keeps its times (and cannot be removed or skipped). Saved in one request.
 */
export function AgendaPanel({ ctx, run }: PanelProps) {
  const t = useT();
  const headingId = useId();
  const id = useId();
  const stored = agendaOf(ctx.state);
  // Local edits until saved; without any, the panel shows the stored plan as it changes.
  const [draft, setDraft] = useState<Draft | null>(null);
  const shown = draft ?? draftOf(stored);
  const byId = new Map(stored.steps.map((s) => [s.id, s]));
  // The planned times of the plan as shown (edits included).
  const asPlanned = { ...shown, steps: shown.steps.map(asStep), currentId: null };
  const planned = plannedStarts(asPlanned);
  const end = plannedEnd(asPlanned);

  const edit = (change: (d: Draft) => Draft) => setDraft(change(shown));
  const setStep = (i: number, patch: Partial<DraftStep>) =>
    edit((d) => ({ ...d, steps: d.steps.map((s, k) => (k === i ? { ...s, ...patch } : s)) }));
  const move = (i: number, by: -1 | 1) =>
    edit((d) => {
      const steps = [...d.steps];
      const [s] = steps.splice(i, 1);
      if (s) steps.splice(i + by, 0, s);
      return { ...d, steps };
    });
  const add = () =>
    edit((d) => ({
      ...d,
      steps: [
        ...d.steps,
        { id: newId(), kind: 'text', title: t('agenda.newStep'), minutes: 15, skipped: false },
      ],
    }));

  const valid = shown.steps.every(
    (s) =>
      s.title.trim() !== '' &&
      Number.isInteger(s.minutes) &&
      s.minutes >= STEP_MINUTES.min &&
      s.minutes <= STEP_MINUTES.max,
  );
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft || !valid) return;
    const body = { ...draft, steps: draft.steps.map((s) => ({ ...s, title: s.title.trim() })) };
    if (await run(() => api.agendaPlan(ctx.workshopId, ctx.token, body), note('agenda.saved')))
      setDraft(null);
  };

  return (
    <section className="card agenda" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('agenda.title')}</h2>
      <p className="field-hint">{t('agenda.hint')}</p>
      <form onSubmit={save} noValidate>
        <p className="agenda-day-start">
          <label htmlFor={`${id}-start`} className="field-label">
            {t('agenda.dayStart')}
          </label>{' '}
          <input
            id={`${id}-start`}
            type="time"
            className="input"
            value={shown.dayStart}
            required
            onChange={(e) => e.target.value && edit((d) => ({ ...d, dayStart: e.target.value }))}
          />
        </p>
        {shown.steps.length === 0 ? (
          <p className="muted">{t('agenda.empty')}</p>
        ) : (
          <ol className="agenda-steps">
            {shown.steps.map((s, i) => {
              const n = i + 1;
              const was = byId.get(s.id);
              const started = was?.startedAt != null;
              const at = planned.get(s.id) ?? clockMinutes(shown.dayStart);
              return (
                <li
                  key={s.id}
                  className="agenda-step"
                  data-current={stored.currentId === s.id || undefined}
                  data-done={was?.endedAt != null || undefined}
                  data-skipped={s.skipped || undefined}
                >
                  <span className="agenda-time">
                    <span className="visually-hidden">{t('agenda.planned')} </span>
                    {clockLabel(t, at)}
                  </span>
                  <select
                    className="input"
                    aria-label={t('agenda.stepKind', { n })}
                    value={s.kind}
                    disabled={started}
                    onChange={(e) => setStep(i, { kind: e.target.value as AgendaStepKind })}
                  >
                    {AGENDA_STEP_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {t(KIND_LABEL[k])}
                      </option>
                    ))}
                  </select>
                  <input
                    className="input input-grow"
                    aria-label={t('agenda.stepTitle', { n })}
                    value={s.title}
                    maxLength={120}
                    required
                    onChange={(e) => setStep(i, { title: e.target.value })}
                  />
                  <span className="agenda-minutes">
                    <input
                      className="input"
                      type="number"
                      inputMode="numeric"
                      aria-label={t('agenda.stepMinutes', { n })}
                      min={STEP_MINUTES.min}
                      max={STEP_MINUTES.max}
                      value={Number.isFinite(s.minutes) ? s.minutes : ''}
                      onChange={(e) => setStep(i, { minutes: e.target.valueAsNumber })}
                    />{' '}
                    {t('agenda.minutes')}
                  </span>
                  {usesTemplate(s.kind) && (
                    <select
                      className="input"
                      aria-label={t('agenda.stepTemplate', { n })}
                      value={s.template ?? 'blank'}
                      disabled={started}
                      onChange={(e) => setStep(i, { template: e.target.value })}
                    >
                      {BUILTIN_TEMPLATES.map((tpl) => (
                        <option key={tpl} value={tpl}>
                          {t(TEMPLATE_NAME[tpl])}
                        </option>
                      ))}
                    </select>
                  )}
                  <label className="agenda-skip">
                    <input
                      type="checkbox"
                      checked={s.skipped}
                      disabled={started}
                      aria-label={t('agenda.skipStep', { n })}
                      onChange={(e) => setStep(i, { skipped: e.target.checked })}
                    />{' '}
                    <span aria-hidden="true">{t('agenda.skip')}</span>
                  </label>
                  <span className="agenda-actions">
                    <button
                      type="button"
                      className="btn"
                      aria-label={t('agenda.up', { n })}
                      disabled={i === 0}
                      onClick={() => move(i, -1)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="btn"
                      aria-label={t('agenda.down', { n })}
                      disabled={i === shown.steps.length - 1}
                      onClick={() => move(i, 1)}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className="btn"
                      aria-label={t('agenda.remove', { n })}
                      disabled={started}
                      onClick={() =>
                        edit((d) => ({ ...d, steps: d.steps.filter((_, k) => k !== i) }))
                      }
                    >
                      ✕
                    </button>
                  </span>
                  {was?.startedAt != null && (
                    <span className="agenda-actual muted">
                      {t('agenda.started', { time: momentLabel(t, was.startedAt) })}
                      {was.endedAt != null &&
                        ` · ${t('agenda.ended', { time: momentLabel(t, was.endedAt) })}`}
                    </span>
                  )}
                </li>
              );
            })}
          </ol>
        )}
        <p className="muted">{t('agenda.endsAt', { time: clockLabel(t, end) })}</p>
        <p className="inline-form">
          <button
            type="button"
            className="btn"
            onClick={add}
            disabled={shown.steps.length >= AGENDA_MAX_STEPS}
          >
            {t('agenda.add')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={!draft || !valid}>
            {t('agenda.save')}
          </button>
          {draft && (
            <span className="muted" role="status">
              {t('agenda.unsaved')}
            </span>
          )}
        </p>
      </form>
      <DayPlanTemplates
        ctx={ctx}
        run={run}
        canLoad={stored.steps.every((s) => s.startedAt == null)}
        canSave={!draft && stored.steps.length > 0}
        onLoad={(plan) =>
          setDraft({
            dayStart: plan.dayStart,
            steps: plan.steps.map((s) => ({ ...s, id: newId() })),
          })
        }
      />
    </section>
  );
}

/** A draft step as a plan step (for the planned times: nothing has happened to it). */
function asStep(s: DraftStep) {
  return { ...s, startedAt: null, endedAt: null };
}
