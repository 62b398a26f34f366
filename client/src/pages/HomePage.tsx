import {
  DEFAULT_GROUP_COUNT,
  isJoinCode,
  isValidId,
  JOIN_CODE_LENGTH,
  MAX_GROUPS,
  MIN_GROUPS,
  newId,
  normaliseJoinCode,
} from '@torg/shared';
import { type FormEvent, useId, useRef, useState } from 'react';
import { storedName, storeName } from '../board/identity.js';
import { useT } from '../i18n/LocaleProvider.js';
import { LocaleSwitch } from '../i18n/LocaleSwitch.js';
import { navigate } from '../router.js';
import { Field } from '../ui/Field.js';
import { ApiError, api, errorKey, setToken } from '../workshop/api.js';
import { localToday } from '../workshop/logic.js';

export function HomePage() {
  const t = useT();
  return (
    <main className="page page-wide home">
      <header className="home-header">
        <h1>{t('app.name')}</h1>
        <LocaleSwitch />
      </header>
      <p className="tagline">{t('app.tagline')}</p>
      <div className="home-columns">
        <CreateWorkshopForm />
        <div className="home-side">
          <JoinCodeForm />
          <ImportWorkshopForm />
          <ScratchBoard />
        </div>
      </div>
    </main>
  );
}

type FieldName = 'title' | 'date' | 'facilitatorName';

/** "Ny samling": title, date, groups and the facilitator's name → the console. */
function CreateWorkshopForm() {
  const t = useT();
  const headingId = useId();
  const defaultName = (n: number) => t('home.defaultGroupName', { n });
  const [title, setTitle] = useState('');
  const [date, setDate] = useState(localToday);
  const [count, setCount] = useState(DEFAULT_GROUP_COUNT);
  const [names, setNames] = useState<string[]>(() =>
    Array.from({ length: MAX_GROUPS }, (_, i) => defaultName(i + 1)),
  );
  const [facilitatorName, setFacilitatorName] = useState(() => storedName() ?? '');
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const next: Partial<Record<FieldName, string>> = {};
    if (!title.trim()) next.title = t('form.required', { field: t('home.title') });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
      next.date = t('form.required', { field: t('home.date') });
    if (!facilitatorName.trim())
      next.facilitatorName = t('form.required', { field: t('home.facilitatorName') });
    setErrors(next);
    setFailure(null);
    const first = (['title', 'date', 'facilitatorName'] as const).find((f) => next[f]);
    if (first) {
      form.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    const groups = names.slice(0, count).map((n, i) => n.trim().slice(0, 80) || defaultName(i + 1));
    setBusy(true);
    try {
      const r = await api.createWorkshop({
        title: title.trim(),
        date,
        groups,
        facilitatorName: facilitatorName.trim(),
      });
      setToken(r.workshopId, r.token);
      storeName(facilitatorName.trim());
      navigate(`/w/${r.workshopId}/console`);
    } catch (err) {
      setFailure(t(errorKey(err)));
      setBusy(false);
    }
  };

  return (
    <section className="card create-workshop" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('home.newWorkshop')}</h2>
      <p className="field-hint">{t('home.newWorkshopIntro')}</p>
      <form ref={form} onSubmit={submit} noValidate>
        <Field label={t('home.title')} hint={t('home.titleHint')} error={errors.title}>
          {(p) => (
            <input
              {...p}
              name="title"
              className="input"
              value={title}
              maxLength={120}
              onChange={(e) => setTitle(e.target.value)}
              autoComplete="off"
            />
          )}
        </Field>
        <div className="field-row">
          <Field label={t('home.date')} error={errors.date}>
            {(p) => (
              <input
                {...p}
                name="date"
                type="date"
                className="input"
                value={date}
                onChange={(e) => setDate(e.target.value)}
              />
            )}
          </Field>
          <Field label={t('home.groupCount')}>
            {(p) => (
              <select
                {...p}
                name="groupCount"
                className="input"
                value={count}
                onChange={(e) => setCount(Number(e.target.value))}
              >
                {Array.from({ length: MAX_GROUPS - MIN_GROUPS + 1 }, (_, i) => i + MIN_GROUPS).map(
                  (n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ),
                )}
              </select>
            )}
          </Field>
        </div>
        <fieldset className="group-names">
          <legend className="field-label">{t('home.groupNames')}</legend>
          <ol>
            {names.slice(0, count).map((name, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the slots are positions (group 1, 2, …)
              <li key={i}>
                <label className="visually-hidden" htmlFor={`group-name-${i}`}>
                  {t('home.groupName', { n: i + 1 })}
                </label>
                <input
                  id={`group-name-${i}`}
                  className="input"
                  value={name}
                  maxLength={80}
                  placeholder={defaultName(i + 1)}
                  onChange={(e) =>
                    setNames((all) => all.map((v, j) => (j === i ? e.target.value : v)))
                  }
                  autoComplete="off"
                />
              </li>
            ))}
          </ol>
        </fieldset>
        <Field
          label={t('home.facilitatorName')}
          hint={t('home.facilitatorNameHint')}
          error={errors.facilitatorName}
        >
          {(p) => (
            <input
              {...p}
              name="facilitatorName"
              className="input"
              value={facilitatorName}
              maxLength={80}
              onChange={(e) => setFacilitatorName(e.target.value)}
              autoComplete="name"
            />
          )}
        </Field>
        {failure && (
          <p className="error" role="alert">
            {failure}
          </p>
        )}
        <button type="submit" className="btn btn-primary btn-large" disabled={busy}>
          {busy ? t('home.creating') : t('home.create')}
        </button>
      </form>
    </section>
  );
}

/** "Bli med": the six-character code → `/j/<code>`. */
export function JoinCodeForm({
  initial = '',
  autoFocus,
}: {
  initial?: string;
  autoFocus?: boolean;
}) {
  const t = useT();
  const headingId = useId();
  const [code, setCode] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const normal = normaliseJoinCode(code);
    if (!isJoinCode(normal)) {
      setError(t('home.invalidCode'));
      return;
    }
    navigate(`/j/${normal}`);
  };
  return (
    <section className="card join-by-code" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('home.join')}</h2>
      <form onSubmit={submit} noValidate>
        <Field label={t('home.joinCode')} hint={t('home.joinIntro')} error={error}>
          {(p) => (
            <span className="inline-form">
              <input
                {...p}
                className="input code-input"
                value={code}
                maxLength={JOIN_CODE_LENGTH + 4}
                autoCapitalize="characters"
                autoComplete="off"
                spellCheck={false}
                // biome-ignore lint/a11y/noAutofocus: the page's one task after a failed code is typing a new one
                autoFocus={autoFocus}
                onChange={(e) => setCode(e.target.value)}
              />
              <button type="submit" className="btn btn-primary">
                {t('home.join')}
              </button>
            </span>
          )}
        </Field>
      </form>
    </section>
  );
}

/**
 * "Importer en samling": a backup file (downloaded from a console, here or on another server)
 * → `POST /api/workshops/import` → the console, as the workshop's first facilitator.
 */
function ImportWorkshopForm() {
  const t = useT();
  const headingId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) {
      setError(t('import.noFile'));
      return;
    }
    setError(null);
    setBusy(true);
    try {
      const r = await importWorkshop(file);
      setToken(r.workshopId, r.token);
      navigate(`/w/${r.workshopId}/console`);
    } catch (err) {
      setError(importError(err, t));
      setBusy(false);
    }
  };

  return (
    <section className="card import-workshop" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('import.title')}</h2>
      <form onSubmit={submit} noValidate>
        <Field label={t('import.file')} hint={t('import.intro')} error={error}>
          {(p) => (
            <input
              {...p}
              type="file"
              name="backup"
              className="input"
              accept=".json,application/json"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setError(null);
              }}
            />
          )}
        </Field>
        <button type="submit" className="btn" disabled={busy}>
          {busy ? t('import.importing') : t('import.submit')}
        </button>
      </form>
    </section>
  );
}

interface Imported {
  workshopId: string;
  token: string;
  joinCode: string;
  observerCode: string;
}

/** Sends the file as it is (no copy in memory); failures as `ApiError`. */
async function importWorkshop(file: File): Promise<Imported> {
  let res: Response;
  try {
    res = await fetch('/api/workshops/import', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: file,
      cache: 'no-store',
    });
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : String(err));
  }
  const answer = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) {
    const code = typeof answer.error === 'string' ? answer.error : 'error';
    const message = typeof answer.message === 'string' ? answer.message : res.statusText;
    throw new ApiError(res.status, code, message);
  }
  return answer as unknown as Imported;
}

function importError(err: unknown, t: ReturnType<typeof useT>): string {
  if (err instanceof ApiError) {
    if (err.status === 413) return t('import.tooLarge');
    if (err.status === 409 && err.code === 'already_exists') return t('import.exists');
    if (err.status === 400 && err.code === 'invalid_backup')
      // The server's words for a body that is not JSON at all (see server/src/routes/import.ts).
      return err.message === 'the backup must be a JSON file'
        ? t('import.notJson')
        : t('import.invalid', { detail: err.message });
  }
  return t(errorKey(err));
}

/** The open board without a workshop (what Torg was before workshops). */
function ScratchBoard() {
  const t = useT();
  const inputId = useId();
  const headingId = useId();
  const [boardId, setBoardId] = useState('');
  const [error, setError] = useState<string | null>(null);

  const open = (e: FormEvent) => {
    e.preventDefault();
    const id = boardId.trim();
    if (!isValidId(id)) {
      setError(t('home.invalidId'));
      return;
    }
    navigate(`/b/${id}`);
  };

  return (
    <section className="card scratch" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('home.scratch')}</h2>
      <p className="field-hint">{t('home.scratchIntro')}</p>
      <button type="button" className="btn" onClick={() => navigate(`/b/${newId()}`)}>
        {t('home.newBoard')}
      </button>
      <form className="open-board" onSubmit={open} noValidate>
        <label htmlFor={inputId}>{t('home.boardIdLabel')}</label>
        <input
          id={inputId}
          value={boardId}
          onChange={(e) => setBoardId(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${inputId}-error` : undefined}
          autoComplete="off"
        />
        <button type="submit" className="btn">
          {t('home.openBoard')}
        </button>
        {error && (
          <p id={`${inputId}-error`} className="error" role="alert">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
