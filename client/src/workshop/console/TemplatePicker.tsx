import {
  BUILTIN_TEMPLATES,
  type BuiltinTemplateId,
  FUTURE_DEFAULTS,
  futureColumns,
  instantiateTemplate,
  type Locale,
  renderBoardSvg,
  type TemplateOptions,
} from '@torg/shared';
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { useT } from '../../i18n/LocaleProvider.js';
import { api, type SavedTemplateInfo } from '../api.js';
import { TEMPLATE_NAME } from './template-names.js';

const PREVIEW = { width: 220, height: 140 } as const;

/**
 * The template picker: every built-in template as a choice with a preview rendered from its
 * definition (so the preview is exactly what the boards will get), and the future journey's
 * years, chosen once for every group.
 */
export function TemplatePicker({
  value,
  options,
  onChange,
  token,
  locale,
}: {
  /** A built-in id or `saved:<templateId>`. */
  value: string;
  options: TemplateOptions;
  onChange(template: string, options: TemplateOptions): void;
  /** The facilitator's token, to list the templates saved on this server. */
  token: string;
  /** The gathering's written language: the previews show the texts the boards will get. */
  locale: Locale;
}) {
  const t = useT();
  const id = useId();
  const previews = useMemo(
    () =>
      Object.fromEntries(
        BUILTIN_TEMPLATES.map((tpl) => [
          tpl,
          `data:image/svg+xml;charset=utf-8,${encodeURIComponent(
            renderBoardSvg(
              instantiateTemplate(tpl, tpl === 'future' ? options : {}, locale),
              PREVIEW,
            ),
          )}`,
        ]),
      ) as Record<BuiltinTemplateId, string>,
    [locale, options],
  );
  const first = options.firstYear ?? FUTURE_DEFAULTS.firstYear;
  const horizon = options.horizonYear ?? FUTURE_DEFAULTS.horizonYear;
  const steps = options.steps ?? FUTURE_DEFAULTS.steps;
  const setYears = (patch: TemplateOptions) => onChange(value, { ...options, ...patch });

  return (
    <fieldset className="template-picker">
      <legend className="field-label">{t('console.template')}</legend>
      <div className="template-choices">
        {BUILTIN_TEMPLATES.map((tpl) => (
          <label key={tpl} className="template-choice" data-checked={value === tpl}>
            <input
              type="radio"
              name={`${id}-template`}
              value={tpl}
              checked={value === tpl}
              onChange={() => onChange(tpl, options)}
            />
            <img src={previews[tpl]} width={PREVIEW.width} height={PREVIEW.height} alt="" />
            <span>{t(TEMPLATE_NAME[tpl])}</span>
          </label>
        ))}
      </div>
      <SavedTemplates token={token} value={value} onPick={(v) => onChange(v, options)} />
      {value === 'future' && (
        <div className="field-row template-years">
          <div className="field">
            <label htmlFor={`${id}-first`} className="field-label">
              {t('console.firstYear')}
            </label>
            <input
              id={`${id}-first`}
              className="input"
              type="number"
              min={1900}
              max={2200}
              value={first}
              onChange={(e) => setYears({ firstYear: Number(e.target.value) })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-horizon`} className="field-label">
              {t('console.horizonYear')}
            </label>
            <input
              id={`${id}-horizon`}
              className="input"
              type="number"
              min={1900}
              max={2200}
              value={horizon}
              onChange={(e) => setYears({ horizonYear: Number(e.target.value) })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-steps`} className="field-label">
              {t('console.steps')}
            </label>
            <input
              id={`${id}-steps`}
              className="input"
              type="number"
              min={0}
              max={6}
              value={steps}
              onChange={(e) => setYears({ steps: Number(e.target.value) })}
            />
          </div>
          <p className="hint">
            {t('console.yearsPreview', {
              years:
                horizon > first
                  ? futureColumns(
                      { firstYear: first, horizonYear: horizon, steps },
                      new Date().getFullYear(),
                      (key, year) => t(key, { year }),
                    ).labels.join(' · ')
                  : '–',
            })}
          </p>
        </div>
      )}
    </fieldset>
  );
}

/** Templates saved from boards on this server: pick, rename or delete them. */
function SavedTemplates({
  token,
  value,
  onPick,
}: {
  token: string;
  value: string;
  onPick(v: string): void;
}) {
  const t = useT();
  const id = useId();
  const [list, setList] = useState<SavedTemplateInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    api.templates(token).then(
      (all) => setList(all.filter((tpl) => tpl.kind === 'board')),
      () => setError(t('console.templatesFailed')),
    );
  }, [token, t]);
  useEffect(() => {
    load();
    // Others may save templates meanwhile; a light refresh keeps the list current.
    const timer = setInterval(load, 15_000);
    return () => clearInterval(timer);
  }, [load]);
  if (error) return <p className="error">{error}</p>;
  if (!list || list.length === 0) return <p className="hint">{t('console.noSavedTemplates')}</p>;
  return (
    <div className="saved-templates">
      <p className="field-label">{t('console.savedTemplates')}</p>
      <ul>
        {list.map((tpl) => (
          <li key={tpl.id}>
            <label className="template-choice saved" data-checked={value === `saved:${tpl.id}`}>
              <input
                type="radio"
                name={`${id}-saved`}
                checked={value === `saved:${tpl.id}`}
                onChange={() => onPick(`saved:${tpl.id}`)}
              />
              <span>{t('console.savedTemplate', { name: tpl.name, count: tpl.objects })}</span>
            </label>
            <button
              type="button"
              className="chip"
              aria-label={t('console.renameTemplate', { name: tpl.name })}
              onClick={async () => {
                const name = window
                  .prompt(t('console.renameTemplate', { name: tpl.name }), tpl.name)
                  ?.trim();
                if (name)
                  await api
                    .renameTemplate(token, tpl.id, name)
                    .then(load, () => setError(t('console.templatesFailed')));
              }}
            >
              {t('console.rename')}
            </button>
            <button
              type="button"
              className="chip"
              aria-label={t('console.deleteTemplate', { name: tpl.name })}
              onClick={async () => {
                if (!window.confirm(t('console.deleteTemplate', { name: tpl.name }))) return;
                if (value === `saved:${tpl.id}`) onPick('blank');
                await api
                  .deleteTemplate(token, tpl.id)
                  .then(load, () => setError(t('console.templatesFailed')));
              }}
            >
              {t('console.deleteShort')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
