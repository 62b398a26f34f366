import { type DayPlan, NAME_MAX } from '@torg/shared';
import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { useT } from '../../i18n/LocaleProvider.js';
import { note } from '../../ui/toast-note.js';
import { api, type SavedTemplateInfo } from '../api.js';
import type { PanelProps } from './types.js';

interface Props extends PanelProps {
  /** Whether a saved plan may replace the plan now: only before the day's first step. */
  canLoad: boolean;
  /** Whether the stored plan can be kept as it is: it has steps and no unsaved edits. */
  canSave: boolean;
  /** A saved plan chosen: the panel shows it as unsaved edits, for the facilitator to save. */
  onLoad(plan: DayPlan): void;
}

/**
 * The plan of the day as a template for a whole gathering: kept under a name with the owner's
 * other templates (the steps, their minutes, the board templates they start from), and loaded
 * into the plan of a new gathering before its day begins.
 */
export function DayPlanTemplates({ ctx, run, canLoad, canSave, onLoad }: Props) {
  const t = useT();
  const id = useId();
  const [saved, setSaved] = useState<SavedTemplateInfo[]>([]);
  const [chosen, setChosen] = useState('');
  const [name, setName] = useState('');
  const load = useCallback(
    () =>
      api.templates(ctx.token).then(
        (all) => setSaved(all.filter((tpl) => tpl.kind === 'gathering')),
        () => setSaved([]),
      ),
    [ctx.token],
  );
  useEffect(() => {
    void load();
  }, [load]);
  const picked = saved.find((tpl) => tpl.id === chosen) ?? saved[0];

  const fetchPlan = async () => {
    if (!picked) return;
    await run(
      async () => {
        const { plan } = await api.template(ctx.token, picked.id);
        if (plan) onLoad(plan);
      },
      note('agenda.templateLoaded', { name: picked.name }),
    );
  };
  const remove = async () => {
    if (!picked || !window.confirm(t('agenda.deleteTemplate', { name: picked.name }))) return;
    await run(() => api.deleteTemplate(ctx.token, picked.id));
    await load();
  };
  const keep = async (e: FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed || !canSave) return;
    const ok = await run(
      () => api.saveAgendaTemplate(ctx.workshopId, ctx.token, trimmed),
      note('agenda.templateSaved', { name: trimmed }),
    );
    if (ok) {
      setName('');
      await load();
    }
  };

  return (
    <fieldset className="agenda-templates">
      <legend>{t('agenda.templates')}</legend>
      <p className="field-hint">{t('agenda.templatesHint')}</p>
      {saved.length > 0 && (
        <p className="inline-form">
          <label htmlFor={`${id}-use`} className="field-label">
            {t('agenda.useTemplate')}
          </label>{' '}
          <select
            id={`${id}-use`}
            className="input"
            value={picked?.id ?? ''}
            onChange={(e) => setChosen(e.target.value)}
          >
            {saved.map((tpl) => (
              <option key={tpl.id} value={tpl.id}>
                {t('agenda.templateOption', { name: tpl.name, count: tpl.steps })}
              </option>
            ))}
          </select>{' '}
          <button type="button" className="btn" disabled={!canLoad} onClick={fetchPlan}>
            {t('agenda.useTemplateButton')}
          </button>{' '}
          <button type="button" className="btn" onClick={remove}>
            {t('agenda.deleteTemplateButton')}
          </button>
        </p>
      )}
      {saved.length > 0 && !canLoad && <p className="muted">{t('agenda.useTemplateLocked')}</p>}
      <form className="inline-form" onSubmit={keep}>
        <label htmlFor={`${id}-name`} className="field-label">
          {t('agenda.saveAsTemplate')}
        </label>{' '}
        <input
          id={`${id}-name`}
          className="input"
          value={name}
          maxLength={NAME_MAX}
          onChange={(e) => setName(e.target.value)}
        />{' '}
        <button type="submit" className="btn" disabled={!canSave || name.trim() === ''}>
          {t('agenda.saveAsTemplateButton')}
        </button>
      </form>
      {!canSave && name.trim() !== '' && <p className="muted">{t('agenda.saveFirst')}</p>}
    </fieldset>
  );
}
