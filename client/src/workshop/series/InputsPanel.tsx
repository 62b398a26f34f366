import { DEFAULT_STAKEHOLDERS, type MessageKey, QUESTION_MAX } from '@torg/shared';
import './series.css';
import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { useT } from '../../i18n/LocaleProvider.js';
import { Field } from '../../ui/Field.js';
import { note } from '../../ui/toast-note.js';
import type { PanelProps } from '../console/types.js';
import { RoundCard } from './RoundCard.js';
import { type RoundWithInputs, seriesApi } from './series-api.js';

/** Sections of the built-in templates that stakeholders' inputs suit, with their titles. */
export const INPUT_SECTIONS: readonly [string, MessageKey][] = [
  ['insights.insights', 'template.insights.insights'],
  ['insights.important', 'template.insights.important'],
  ['journey.important', 'template.journey.important'],
  ['journey.pain', 'template.journey.pain'],
  ['future.meaning', 'template.future.meaning'],
  ['future.who', 'template.future.who'],
];

const DAY = 24 * 3600 * 1000;
/** `YYYY-MM-DDTHH:mm` in local time, for a datetime-local field. */
const localInput = (ms: number) => {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
};

/**
 * The console's "Innspill": input rounds for stakeholders outside the room. Open one on a
 * question (the stakeholder types editable, a board section it is for, when it closes); each
 * round gets a link and a QR code, and its inputs are moderated and placed on boards here.
 */
export function InputsPanel({ ctx, run }: PanelProps) {
  const t = useT();
  const headingId = useId();
  const { workshopId, token } = ctx;
  const [rounds, setRounds] = useState<RoundWithInputs[] | null>(null);
  const defaults = DEFAULT_STAKEHOLDERS.map((s) => t(`input.stakeholder.${s.key}`)).join('\n');
  const [question, setQuestion] = useState('');
  const [types, setTypes] = useState(defaults);
  const [section, setSection] = useState('');
  const [closes, setCloses] = useState(() => localInput(Date.now() + 14 * DAY));

  const reload = useCallback(
    () => run(() => seriesApi.rounds(workshopId, token).then(setRounds)),
    [workshopId, token, run],
  );
  // New answers come in while the panel is open: looked for every half minute.
  useEffect(() => {
    void reload();
    const timer = setInterval(
      () => void seriesApi.rounds(workshopId, token).then(setRounds, () => undefined),
      30_000,
    );
    return () => clearInterval(timer);
  }, [reload, workshopId, token]);

  const open = async (e: FormEvent) => {
    e.preventDefault();
    const labels = types
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const ok = await run(
      () =>
        seriesApi.openRound(workshopId, token, {
          question: question.trim(),
          closesAt: new Date(closes).getTime(),
          stakeholders: labels,
          section: section || null,
        }),
      note('inputs.opened'),
    );
    if (ok) {
      setQuestion('');
      await reload();
    }
  };

  return (
    <section className="card inputs" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('inputs.title')}</h2>
      <p className="muted">{t('inputs.intro')}</p>
      <button type="button" className="btn" onClick={() => void reload()}>
        {t('inputs.refresh')}
      </button>
      <details className="inputs-new" open={rounds !== null && rounds.length === 0}>
        <summary>{t('inputs.new')}</summary>
        <form onSubmit={open}>
          <Field label={t('inputs.question')} hint={t('inputs.questionHint')}>
            {(p) => (
              <textarea
                className="input"
                {...p}
                rows={2}
                required
                maxLength={QUESTION_MAX}
                value={question}
                onChange={(e) => setQuestion(e.target.value)}
              />
            )}
          </Field>
          <Field label={t('inputs.types')} hint={t('inputs.typesHint')}>
            {(p) => (
              <textarea
                className="input"
                {...p}
                rows={6}
                value={types}
                onChange={(e) => setTypes(e.target.value)}
              />
            )}
          </Field>
          <div className="inputs-new-row">
            <Field label={t('inputs.section')} hint={t('inputs.sectionHint')}>
              {(p) => (
                <select
                  className="input"
                  {...p}
                  value={section}
                  onChange={(e) => setSection(e.target.value)}
                >
                  <option value="">{t('inputs.noSection')}</option>
                  {INPUT_SECTIONS.map(([key, label]) => (
                    <option key={key} value={key}>
                      {t(label)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('inputs.closes')}>
              {(p) => (
                <input
                  className="input"
                  {...p}
                  type="datetime-local"
                  required
                  value={closes}
                  onChange={(e) => setCloses(e.target.value)}
                />
              )}
            </Field>
          </div>
          <button type="submit" className="btn btn-primary">
            {t('inputs.open')}
          </button>
        </form>
      </details>
      {rounds === null ? (
        <p className="muted">{t('common.loading')}</p>
      ) : rounds.length === 0 ? (
        <p className="muted">{t('inputs.none')}</p>
      ) : (
        rounds
          .slice()
          .reverse()
          .map((r) => <RoundCard key={r.id} ctx={ctx} run={run} round={r} onChange={reload} />)
      )}
    </section>
  );
}
