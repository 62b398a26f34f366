import {
  CONTRIBUTOR_NAME_MAX,
  INPUT_MAX,
  MAX_INPUTS_PER_SUBMISSION,
  type PublicRound,
} from '@torg/shared';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useLocale } from '../i18n/LocaleProvider.js';
import { Field } from '../ui/Field.js';
import { contentLang } from './gathering-locale.js';
import { contributeErrorKey, inputApi, isNotFound, isRoundClosed } from './input-api.js';

/** What the contributor filled in last (kept for "send another": the same person, most likely). */
export interface Sender {
  stakeholderId: string | null;
  name: string;
}

interface Entry {
  key: number;
  text: string;
}

/** The form: who you are, one to five inputs, your name if you like; sends and reports back. */
export function ContributeForm({
  workshopId,
  roundId,
  round,
  sender,
  focusFirst,
  onSent,
  onClosed,
  onUnknown,
}: {
  workshopId: string;
  roundId: string;
  round: PublicRound;
  sender: Sender;
  focusFirst: boolean;
  onSent(count: number, sender: Sender): void;
  onClosed(): void;
  onUnknown(): void;
}) {
  const { t } = useLocale();
  const ids = useId();
  const lang = contentLang(round.locale);
  const [stakeholderId, setStakeholderId] = useState(() =>
    round.stakeholders.some((s) => s.id === sender.stakeholderId) ? sender.stakeholderId : null,
  );
  const [entries, setEntries] = useState<Entry[]>([{ key: 0, text: '' }]);
  const nextKey = useRef(1);
  const [name, setName] = useState(sender.name);
  const [website, setWebsite] = useState('');
  const [errors, setErrors] = useState<{ who?: string; input?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const whoRef = useRef<HTMLFieldSetElement>(null);
  const texts = useRef(new Map<number, HTMLTextAreaElement>());
  /** The entry whose field gets focus once it is drawn (added, or the one before a removed). */
  const [focusKey, setFocusKey] = useState<number | null>(focusFirst ? 0 : null);

  useEffect(() => {
    if (focusKey === null) return;
    texts.current.get(focusKey)?.focus();
    setFocusKey(null);
  }, [focusKey]);

  const add = () => {
    const key = nextKey.current++;
    setEntries((now) => [...now, { key, text: '' }]);
    setFocusKey(key);
  };
  const remove = (index: number) => {
    const before = entries[index - 1] ?? entries[index + 1];
    setEntries((now) => now.filter((_, i) => i !== index));
    if (before) setFocusKey(before.key);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const inputs = entries.map((entry) => entry.text.trim()).filter(Boolean);
    const next: typeof errors = {};
    if (!stakeholderId) next.who = t('contribute.pickWho');
    if (inputs.length === 0) next.input = t('contribute.emptyInput');
    setErrors(next);
    setFailure(null);
    if (next.who) return whoRef.current?.querySelector('input')?.focus();
    const first = entries[0];
    if (next.input) return first && texts.current.get(first.key)?.focus();
    if (!stakeholderId) return;
    setBusy(true);
    try {
      const trimmedName = name.trim();
      await inputApi.contribute(workshopId, roundId, {
        stakeholderId,
        inputs,
        ...(trimmedName ? { name: trimmedName } : {}),
        ...(website ? { website } : {}),
      });
      onSent(inputs.length, { stakeholderId, name: trimmedName });
    } catch (err) {
      setBusy(false);
      if (isRoundClosed(err)) onClosed();
      else if (isNotFound(err)) onUnknown();
      else setFailure(t(contributeErrorKey(err)));
    }
  };

  const privacyId = `${ids}-privacy`;
  const whoHintId = `${ids}-who-hint`;
  const whoErrorId = `${ids}-who-error`;
  return (
    <form className="card input-form" onSubmit={submit} noValidate>
      <fieldset
        ref={whoRef}
        className="stakeholder-picker"
        aria-describedby={errors.who ? `${whoHintId} ${whoErrorId}` : whoHintId}
      >
        <legend className="field-label">{t('contribute.who')}</legend>
        <p id={whoHintId} className="field-hint">
          {t('contribute.whoHint')}
        </p>
        {round.stakeholders.map((s) => (
          <label key={s.id} className="radio-card">
            <input
              type="radio"
              name={`${ids}-who`}
              value={s.id}
              checked={stakeholderId === s.id}
              aria-invalid={errors.who ? true : undefined}
              onChange={() => {
                setStakeholderId(s.id);
                setErrors((now) => ({ ...now, who: undefined }));
              }}
            />
            <span lang={lang}>{s.label}</span>
          </label>
        ))}
        {errors.who && (
          <p id={whoErrorId} className="error" role="alert">
            {errors.who}
          </p>
        )}
      </fieldset>

      <p id={privacyId} className="info input-privacy">
        {t('contribute.privacy')}
      </p>
      {entries.map((entry, index) => (
        <InputField
          key={entry.key}
          label={
            entries.length === 1 ? t('contribute.input') : t('contribute.inputN', { n: index + 1 })
          }
          removeLabel={entries.length > 1 ? t('contribute.removeLabel', { n: index + 1 }) : null}
          value={entry.text}
          error={index === 0 ? errors.input : undefined}
          describedBy={privacyId}
          fieldRef={(el) => {
            if (el) texts.current.set(entry.key, el);
            else texts.current.delete(entry.key);
          }}
          onChange={(text) => {
            setEntries((now) => now.map((e) => (e.key === entry.key ? { ...e, text } : e)));
            if (text.trim()) setErrors((now) => ({ ...now, input: undefined }));
          }}
          onRemove={() => remove(index)}
        />
      ))}
      {entries.length < MAX_INPUTS_PER_SUBMISSION ? (
        <button type="button" className="btn btn-large input-add" onClick={add}>
          <span aria-hidden="true">+ </span>
          {t('contribute.add')}
        </button>
      ) : (
        <p className="field-hint input-add-max">
          {t('contribute.addMax', { max: MAX_INPUTS_PER_SUBMISSION })}
        </p>
      )}

      <Field label={t('contribute.name')} hint={t('contribute.nameHint')} className="input-name">
        {(p) => (
          <input
            {...p}
            className="input"
            value={name}
            maxLength={CONTRIBUTOR_NAME_MAX}
            autoComplete="name"
            onChange={(e) => setName(e.target.value)}
          />
        )}
      </Field>

      {/* For robots only: hidden from sight and from assistive technology, out of the tab order. */}
      <div className="input-trap" aria-hidden="true">
        <label htmlFor={`${ids}-website`}>{t('contribute.honeypot')}</label>
        <input
          id={`${ids}-website`}
          name="website"
          type="text"
          tabIndex={-1}
          autoComplete="off"
          value={website}
          onChange={(e) => setWebsite(e.target.value)}
        />
      </div>

      {failure && (
        <p className="error input-failure" role="alert">
          {failure}
        </p>
      )}
      <button type="submit" className="btn btn-primary btn-large input-wide" disabled={busy}>
        {busy ? t('contribute.sending') : t('contribute.send')}
      </button>
    </form>
  );
}

/** When a screen reader hears how much room is left: near the end, once the typing pauses. */
const ANNOUNCE_BELOW = 100;
const ANNOUNCE_AFTER_MS = 1000;

/** One input: its text, how many characters are left, and a way to remove it (when several). */
function InputField({
  label,
  removeLabel,
  value,
  error,
  describedBy,
  fieldRef,
  onChange,
  onRemove,
}: {
  label: string;
  removeLabel: string | null;
  value: string;
  error: string | undefined;
  describedBy: string;
  fieldRef(el: HTMLTextAreaElement | null): void;
  onChange(text: string): void;
  onRemove(): void;
}) {
  const { t } = useLocale();
  const id = useId();
  const left = INPUT_MAX - value.length;
  const leftText = t('contribute.remaining', { count: left });
  const [announced, setAnnounced] = useState('');
  useEffect(() => {
    const timer = setTimeout(
      () => setAnnounced(left <= ANNOUNCE_BELOW ? leftText : ''),
      ANNOUNCE_AFTER_MS,
    );
    return () => clearTimeout(timer);
  }, [left, leftText]);
  return (
    <div className="field input-entry">
      <div className="input-entry-head">
        <label htmlFor={id} className="field-label">
          {label}
        </label>
        {removeLabel && (
          <button
            type="button"
            className="btn btn-quiet input-remove"
            aria-label={removeLabel}
            onClick={onRemove}
          >
            {t('contribute.remove')}
          </button>
        )}
      </div>
      <textarea
        id={id}
        ref={fieldRef}
        className="input input-text"
        rows={5}
        maxLength={INPUT_MAX}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={[describedBy, `${id}-left`, error ? `${id}-error` : '']
          .filter(Boolean)
          .join(' ')}
        onChange={(e) => onChange(e.target.value)}
      />
      <p id={`${id}-left`} className="field-hint input-left">
        {leftText}
      </p>
      <p className="visually-hidden" aria-live="polite">
        {announced}
      </p>
      {error && (
        <p id={`${id}-error`} className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
