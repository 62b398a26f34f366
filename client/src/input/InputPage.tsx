import {
  CONTRIBUTOR_NAME_MAX,
  INPUT_MAX,
  MAX_INPUTS_PER_SUBMISSION,
  type MessageKey,
  momentParts,
  type PublicRound,
} from '@torg/shared';
import { inputTexts } from '@torg/shared/locale/input';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { addTexts } from '../i18n/extra-texts.js';
import { useLocale } from '../i18n/LocaleProvider.js';
import { Link } from '../router.js';
import { Field } from '../ui/Field.js';
import { LoadFailed } from '../ui/LoadFailed.js';
import { PageHeader } from '../ui/PageHeader.js';
import { errorKey } from '../workshop/api.js';
import { contentLang, useGatheringLocale } from './gathering-locale.js';
import { contributeErrorKey, inputApi, isNotFound, isRoundClosed } from './input-api.js';
import { OutcomePage } from './OutcomePage.js';
import './input.css';

// These pages' words come with them (the rest of the app never needs them).
addTexts(inputTexts);

/**
 * `/innspill/<workshopId>/<roundId>` and `…/svar`: an input round's public pages, for people
 * outside the gathering (no account): the question and its form, and, once the organisers
 * publish it, "Dette gjorde vi med innspillene".
 */
export function InputRoute({
  workshopId,
  roundId,
  outcome,
}: {
  workshopId: string;
  roundId: string;
  outcome: boolean;
}) {
  return outcome ? (
    <OutcomePage workshopId={workshopId} roundId={roundId} />
  ) : (
    <InputPage workshopId={workshopId} roundId={roundId} />
  );
}

type Load =
  | { kind: 'loading' }
  | { kind: 'unknown' }
  | { kind: 'failed'; message: MessageKey }
  | { kind: 'ready'; round: PublicRound };

/** What the contributor filled in last (kept for "send another": the same person, most likely). */
interface Sender {
  stakeholderId: string | null;
  name: string;
}

type View = { kind: 'form'; focus: boolean } | { kind: 'sent'; count: number };

/** The question and its form: who you are, one to five inputs, your name if you like. */
export function InputPage({ workshopId, roundId }: { workshopId: string; roundId: string }) {
  const { t, locale } = useLocale();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [view, setView] = useState<View>({ kind: 'form', focus: false });
  const [sender, setSender] = useState<Sender>({ stakeholderId: null, name: '' });
  /** The round closed while this page was open (the server said so when sending). */
  const [closedNow, setClosedNow] = useState(false);
  const round = load.kind === 'ready' ? load.round : null;
  useGatheringLocale(round?.locale);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the request ("try again")
  useEffect(() => {
    let live = true;
    setLoad({ kind: 'loading' });
    inputApi.round(workshopId, roundId).then(
      (found) => live && setLoad({ kind: 'ready', round: found }),
      (err: unknown) => {
        if (!live) return;
        if (isNotFound(err)) setLoad({ kind: 'unknown' });
        else setLoad({ kind: 'failed', message: errorKey(err) });
      },
    );
    return () => {
      live = false;
    };
  }, [workshopId, roundId, attempt]);

  useEffect(() => {
    document.title = `${round ? round.gathering : t('contribute.title')} – ${t('app.name')}`;
  }, [round, t]);

  const outcomeHref = `/innspill/${workshopId}/${roundId}/svar`;
  const lang = contentLang(round?.locale);
  const closes = round ? momentParts(locale, round.closesAt) : null;
  const closesText = closes ? t('format.moment', closes) : '';
  const open = round?.open === true && !closedNow;
  const closedHeading = useRef<HTMLHeadingElement>(null);
  // Closed while sending: the form is gone, so the focus goes to what is said instead.
  useEffect(() => {
    if (closedNow) closedHeading.current?.focus();
  }, [closedNow]);

  return (
    <main className="page input-page">
      <PageHeader />
      {load.kind === 'loading' && (
        <>
          <h1>{t('contribute.title')}</h1>
          <p role="status" className="muted">
            {t('contribute.loading')}
          </p>
        </>
      )}
      {load.kind === 'unknown' && (
        <>
          <h1>{t('contribute.unknownTitle')}</h1>
          <p>{t('contribute.unknown')}</p>
        </>
      )}
      {load.kind === 'failed' && (
        <>
          <h1>{t('contribute.title')}</h1>
          <LoadFailed message={t(load.message)} onRetry={() => setAttempt((n) => n + 1)} />
        </>
      )}
      {round && (
        <>
          <p className="input-gathering">{t('contribute.for', { gathering: round.gathering })}</p>
          <h1 className="input-question" lang={lang}>
            {round.question}
          </h1>
          {open && (
            <p className="input-closes">{t('contribute.closesAt', { moment: closesText })}</p>
          )}
          {!open && (
            <section className="card input-closed" aria-labelledby={`${roundId}-closed`}>
              <h2 id={`${roundId}-closed`} ref={closedHeading} tabIndex={-1}>
                {t('contribute.closedTitle')}
              </h2>
              {closedNow && (
                <p className="error" role="alert">
                  {t('contribute.closedNow')}
                </p>
              )}
              <p>
                {round.closesAt <= Date.now()
                  ? t('contribute.closedAt', { moment: closesText })
                  : t('contribute.closedEarly')}
              </p>
              <p className="input-closed-link">
                <Link href={outcomeHref}>{t('contribute.seeOutcome')}</Link>
              </p>
            </section>
          )}
          {open && view.kind === 'sent' && (
            <Thanks
              count={view.count}
              outcomeHref={outcomeHref}
              onAnother={() => setView({ kind: 'form', focus: true })}
            />
          )}
          {open && view.kind === 'form' && (
            <ContributeForm
              workshopId={workshopId}
              roundId={roundId}
              round={round}
              sender={sender}
              focusFirst={view.focus}
              onSent={(count, next) => {
                setSender(next);
                setView({ kind: 'sent', count });
              }}
              onClosed={() => setClosedNow(true)}
              onUnknown={() => setLoad({ kind: 'unknown' })}
            />
          )}
        </>
      )}
    </main>
  );
}

/** After sending: the thanks (focused, so a screen reader says it), and a way to send more. */
function Thanks({
  count,
  outcomeHref,
  onAnother,
}: {
  count: number;
  outcomeHref: string;
  onAnother: () => void;
}) {
  const { t } = useLocale();
  const heading = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="card input-thanks" aria-labelledby={headingId}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {t('contribute.thanks', { count })}
      </h2>
      <p>{t('contribute.thanksText', { count })}</p>
      <p>
        {t('contribute.outcomeLater')} <Link href={outcomeHref}>{t('outcome.title')}</Link>
      </p>
      <button type="button" className="btn btn-primary btn-large input-wide" onClick={onAnother}>
        {t('contribute.another')}
      </button>
    </section>
  );
}

interface Entry {
  key: number;
  text: string;
}

function ContributeForm({
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
