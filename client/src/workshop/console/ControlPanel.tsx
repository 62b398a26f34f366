import { type FormEvent, useId, useState } from 'react';
import { useT } from '../../i18n/LocaleProvider.js';
import { note } from '../../ui/toast-note.js';
import { api } from '../api.js';
import { CountdownTimer } from '../timer/ControlBanner.js';
import type { PanelProps } from './types.js';

const PRESETS = [5, 10, 15, 20, 30] as const;

/** Message to everyone, the timer, "bring everyone", and locking every board. */
export function ControlPanel({ ctx, run }: PanelProps) {
  const t = useT();
  const headingId = useId();
  return (
    <section className="card control" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('console.control')}</h2>
      <MessageForm ctx={ctx} run={run} />
      <TimerControls ctx={ctx} run={run} />
      <BringForm ctx={ctx} run={run} />
      <LockAll ctx={ctx} run={run} />
    </section>
  );
}

function MessageForm({ ctx, run }: PanelProps) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState('');
  const current = ctx.state.message?.text ?? '';
  const send = async (e: FormEvent) => {
    e.preventDefault();
    const value = text.trim();
    if (!value) return;
    if (await run(() => api.message(ctx.workshopId, ctx.token, value))) setText('');
  };
  return (
    <form className="control-block" onSubmit={send} noValidate>
      <label htmlFor={id} className="field-label">
        {t('console.message')}
      </label>
      <p id={`${id}-hint`} className="field-hint">
        {t('console.messageHint')}
      </p>
      <span className="inline-form">
        <input
          id={id}
          className="input input-grow"
          value={text}
          maxLength={500}
          aria-describedby={`${id}-hint`}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className="btn btn-primary" disabled={!text.trim()}>
          {t('console.sendMessage')}
        </button>
      </span>
      {current && (
        <p className="current-message">
          {t('console.currentMessage', { text: current })}{' '}
          <button
            type="button"
            className="chip"
            onClick={() => void run(() => api.message(ctx.workshopId, ctx.token, ''))}
          >
            {t('console.clearMessage')}
          </button>
        </p>
      )}
    </form>
  );
}

function TimerControls({ ctx, run }: PanelProps) {
  const t = useT();
  const id = useId();
  const [minutes, setMinutes] = useState('10');
  const { timer } = ctx.state;
  const send = (body: Parameters<typeof api.timer>[2]) =>
    void run(() => api.timer(ctx.workshopId, ctx.token, body));
  const start = (e: FormEvent) => {
    e.preventDefault();
    const m = Number(minutes.replace(',', '.'));
    if (!Number.isFinite(m) || m <= 0) return;
    send({ action: 'start', durationMs: Math.round(Math.min(360, m) * 60_000) });
  };
  return (
    <fieldset className="control-block timer-controls">
      <legend className="field-label">{t('console.timer')}</legend>
      {timer.state === 'idle' ? (
        <p className="muted">{t('console.timerIdle')}</p>
      ) : (
        <CountdownTimer timer={timer} size="large" />
      )}
      <form className="inline-form" onSubmit={start} noValidate>
        <label htmlFor={id}>{t('console.minutes')}</label>
        <input
          id={id}
          className="input input-narrow"
          type="number"
          min={1}
          max={360}
          step={1}
          inputMode="numeric"
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
        />
        <button type="submit" className="btn btn-primary">
          {t('console.start')}
        </button>
        {PRESETS.map((p) => (
          <button
            key={p}
            type="button"
            className="chip"
            aria-pressed={minutes === String(p)}
            onClick={() => setMinutes(String(p))}
          >
            {t('console.presetMinutes', { n: p })}
          </button>
        ))}
      </form>
      {timer.state !== 'idle' && (
        <div className="inline-form">
          {timer.state === 'running' ? (
            <button type="button" className="btn" onClick={() => send({ action: 'pause' })}>
              {t('console.pause')}
            </button>
          ) : (
            <button type="button" className="btn" onClick={() => send({ action: 'resume' })}>
              {t('console.resume')}
            </button>
          )}
          <button
            type="button"
            className="btn"
            aria-label={t('console.addMinuteLabel')}
            onClick={() => send({ action: 'add', ms: 60_000 })}
          >
            {t('console.addMinute')}
          </button>
          <button type="button" className="btn" onClick={() => send({ action: 'reset' })}>
            {t('console.reset')}
          </button>
        </div>
      )}
    </fieldset>
  );
}

function BringForm({ ctx, run }: PanelProps) {
  const t = useT();
  const id = useId();
  const boards = ctx.state.boards.filter((b) => !b.archived);
  const [choice, setChoice] = useState('');
  const selected = boards.find((b) => b.id === choice) ?? boards[boards.length - 1];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!selected) return;
    void run(
      () => api.bring(ctx.workshopId, ctx.token, { boardId: selected.id, viewport: null }),
      note('console.bringSent', { name: selected.name }),
    );
  };
  return (
    <form className="control-block" onSubmit={submit} noValidate>
      <label htmlFor={id} className="field-label">
        {t('console.bring')}
      </label>
      <span className="inline-form">
        <select
          id={id}
          className="input input-grow"
          value={selected?.id ?? ''}
          disabled={boards.length === 0}
          onChange={(e) => setChoice(e.target.value)}
        >
          {boards.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
        <button type="submit" className="btn" disabled={!selected}>
          {t('console.bringGo')}
        </button>
      </span>
    </form>
  );
}

function LockAll({ ctx, run }: PanelProps) {
  const t = useT();
  const locked = !!ctx.state.meta?.allLocked;
  const set = (value: boolean) => void run(() => api.lockAll(ctx.workshopId, ctx.token, value));
  return (
    <fieldset className="control-block">
      <legend className="field-label">{t('console.lockState')}</legend>
      <span className="inline-form">
        <button type="button" className="btn" onClick={() => set(true)}>
          {t('console.lockAll')}
        </button>
        <button type="button" className="btn" onClick={() => set(false)}>
          {t('console.unlockAll')}
        </button>
        {locked && <span className="tag">{t('workshop.allLocked')}</span>}
      </span>
    </fieldset>
  );
}
