import type { KeyboardEvent } from 'react';
import { useT } from '../../i18n/LocaleProvider.js';
import { CONSOLE_STEPS, type ConsoleStep, STEP_LABEL } from './console-steps.js';

export const stepTabId = (base: string, step: ConsoleStep) => `${base}-tab-${step}`;
export const stepPanelId = (base: string, step: ConsoleStep) => `${base}-panel-${step}`;

/**
 * The gathering's steps as tabs, in the order of the day. The step the gathering is at is
 * marked (`aria-current="step"` and a visible "now"); the one shown is selected. Arrow keys,
 * Home and End move between them (WAI-ARIA tabs, automatic activation).
 */
export function StepNav({
  idBase,
  current,
  shown,
  onShow,
}: {
  idBase: string;
  current: ConsoleStep;
  shown: ConsoleStep;
  onShow(step: ConsoleStep): void;
}) {
  const t = useT();
  const onKeyDown = (e: KeyboardEvent) => {
    const at = CONSOLE_STEPS.indexOf(shown);
    const last = CONSOLE_STEPS.length - 1;
    const to =
      e.key === 'ArrowRight' || e.key === 'ArrowDown'
        ? (at + 1) % CONSOLE_STEPS.length
        : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
          ? (at + last) % CONSOLE_STEPS.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? last
              : null;
    const step = to === null ? undefined : CONSOLE_STEPS[to];
    if (!step) return;
    e.preventDefault();
    onShow(step);
    document.getElementById(stepTabId(idBase, step))?.focus();
  };
  return (
    <nav className="console-steps" aria-label={t('console.flowSteps')}>
      <div role="tablist" aria-label={t('console.flowSteps')} tabIndex={-1} onKeyDown={onKeyDown}>
        {CONSOLE_STEPS.map((step, i) => (
          <button
            key={step}
            id={stepTabId(idBase, step)}
            type="button"
            role="tab"
            className="console-step"
            aria-selected={step === shown}
            aria-controls={stepPanelId(idBase, step)}
            aria-current={step === current ? 'step' : undefined}
            tabIndex={step === shown ? 0 : -1}
            onClick={() => onShow(step)}
          >
            <span className="console-step-number" aria-hidden="true">
              {i + 1}
            </span>
            <span className="console-step-label">{t(STEP_LABEL[step])}</span>
            {step === current && <span className="console-step-now">{t('console.stepNow')}</span>}
          </button>
        ))}
      </div>
    </nav>
  );
}
