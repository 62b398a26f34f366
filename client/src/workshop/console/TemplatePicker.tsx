import {
  BUILTIN_TEMPLATES,
  type BuiltinTemplateId,
  FUTURE_DEFAULTS,
  futureYears,
  instantiateTemplate,
  type MessageKey,
  renderBoardSvg,
  type TemplateOptions,
} from '@torg/shared';
import { useId, useMemo } from 'react';
import { useLocale } from '../../i18n/LocaleProvider.js';

const NAME: Record<BuiltinTemplateId, MessageKey> = {
  blank: 'template.blank.name',
  future: 'template.future.name',
  stakeholders: 'template.stakeholders.name',
  journey: 'template.journey.name',
  insights: 'template.insights.name',
  goals: 'template.goals.name',
};

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
}: {
  value: BuiltinTemplateId;
  options: TemplateOptions;
  onChange(template: BuiltinTemplateId, options: TemplateOptions): void;
}) {
  const { t, locale } = useLocale();
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
            <span>{t(NAME[tpl])}</span>
          </label>
        ))}
      </div>
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
                  ? futureYears({ firstYear: first, horizonYear: horizon, steps }).join(' · ')
                  : '–',
            })}
          </p>
        </div>
      )}
    </fieldset>
  );
}
