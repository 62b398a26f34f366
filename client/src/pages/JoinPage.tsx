import { formatDay, isJoinCode, normaliseJoinCode } from '@torg/shared';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { storedName, storeName } from '../board/identity.js';
import { useLocale } from '../i18n/LocaleProvider.js';
import { Link, navigate } from '../router.js';
import { Field } from '../ui/Field.js';
import { LoadFailed } from '../ui/LoadFailed.js';
import { PageHeader } from '../ui/PageHeader.js';
import { ApiError, api, errorKey, type JoinInfo } from '../workshop/api.js';
import { loadWorkshopBoard } from '../workshop/lazy-board.js';
import { loadWorkshopRoute } from '../workshop/lazy-route.js';
import { getToken, setToken } from '../workshop/tokens.js';
import { JoinCodeForm } from './home/JoinCodeForm.js';

type Load =
  | { kind: 'loading' }
  | { kind: 'unknown' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; info: JoinInfo };

/** `/j/<code>`: a participant (or observer) joins with a name and, for participants, a group. */
export function JoinPage({ code: raw }: { code: string }) {
  const { t, locale } = useLocale();
  const code = normaliseJoinCode(raw);
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the request ("try again")
  useEffect(() => {
    if (!isJoinCode(code)) {
      setLoad({ kind: 'unknown' });
      return;
    }
    let live = true;
    setLoad({ kind: 'loading' });
    api.joinInfo(code).then(
      (info) => live && setLoad({ kind: 'ready', info }),
      (err: unknown) => {
        if (!live) return;
        if (err instanceof ApiError && (err.status === 404 || err.status === 400))
          setLoad({ kind: 'unknown' });
        else setLoad({ kind: 'failed', message: t(errorKey(err)) });
      },
    );
    return () => {
      live = false;
    };
  }, [code, attempt, t]);

  useEffect(() => {
    document.title =
      load.kind === 'ready' ? `${load.info.title} – ${t('app.name')}` : t('app.name');
  }, [load, t]);

  return (
    <main className="page join-page">
      <PageHeader />
      <h1>{t('join.heading')}</h1>
      {load.kind === 'loading' && (
        <p role="status" className="muted">
          {t('join.loading')}
        </p>
      )}
      {load.kind === 'unknown' && (
        <>
          <p className="error" role="alert">
            {t('join.unknownCode', { code: code || raw })}
          </p>
          <JoinCodeForm autoFocus />
        </>
      )}
      {load.kind === 'failed' && (
        <LoadFailed message={load.message} onRetry={() => setAttempt((n) => n + 1)} />
      )}
      {load.kind === 'ready' && (
        <>
          <p className="join-title">
            <span className="join-workshop">{load.info.title}</span>
            <span className="muted"> · {formatDay(locale, load.info.date)}</span>
          </p>
          <JoinForm code={code} info={load.info} />
        </>
      )}
    </main>
  );
}

function JoinForm({ code, info }: { code: string; info: JoinInfo }) {
  const { t } = useLocale();
  const groupHintId = useId();
  const [name, setName] = useState(() => storedName() ?? '');
  const [groupId, setGroupId] = useState<string | null>(null);
  const [errors, setErrors] = useState<{ name?: string; group?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const groupsRef = useRef<HTMLFieldSetElement>(null);
  const participant = info.role === 'participant';
  const existing = getToken(info.workshopId);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const next: typeof errors = {};
    if (!name.trim()) next.name = t('form.required', { field: t('join.name') });
    if (participant && !groupId && info.groups.length > 0) next.group = t('join.pickGroup');
    setErrors(next);
    setFailure(null);
    if (next.name) return nameRef.current?.focus();
    if (next.group) return groupsRef.current?.querySelector('input')?.focus();
    setBusy(true);
    // The workshop's and the board's chunks download while the server answers.
    void Promise.all([loadWorkshopRoute(), loadWorkshopBoard()]).catch(() => {});
    try {
      const r = await api.join({
        code,
        name: name.trim(),
        ...(participant && groupId ? { groupId } : {}),
      });
      setToken(r.workshopId, r.token);
      storeName(name.trim());
      navigate(`/w/${r.workshopId}`);
    } catch (err) {
      setFailure(t(errorKey(err)));
      setBusy(false);
    }
  };

  return (
    <>
      {existing && (
        <div className="card notice-card">
          <p>{t('join.already')}</p>
          <Link className="btn btn-primary" href={`/w/${info.workshopId}`}>
            {t('join.continue')}
          </Link>
          <p className="field-hint">{t('join.orJoinAgain')}</p>
        </div>
      )}
      {!participant && <p className="info">{t('join.asObserver')}</p>}
      <form className="card join-form" onSubmit={submit} noValidate>
        <Field label={t('join.name')} hint={t('join.nameHint')} error={errors.name}>
          {(p) => (
            <input
              {...p}
              ref={nameRef}
              className="input"
              value={name}
              maxLength={80}
              autoComplete="name"
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </Field>
        {participant && info.groups.length > 0 && (
          <fieldset
            ref={groupsRef}
            className="group-picker"
            aria-describedby={errors.group ? groupHintId : undefined}
          >
            <legend className="field-label">{t('join.group')}</legend>
            {info.groups.map((g) => (
              <label key={g.id} className="radio-card">
                <input
                  type="radio"
                  name="group"
                  value={g.id}
                  checked={groupId === g.id}
                  onChange={() => setGroupId(g.id)}
                  aria-invalid={errors.group ? true : undefined}
                />
                <span>{g.name}</span>
              </label>
            ))}
            {errors.group && (
              <p id={groupHintId} className="error" role="alert">
                {errors.group}
              </p>
            )}
          </fieldset>
        )}
        {failure && (
          <p className="error" role="alert">
            {failure}
          </p>
        )}
        <button type="submit" className="btn btn-primary btn-large" disabled={busy}>
          {busy ? t('join.joining') : t('join.submit')}
        </button>
      </form>
    </>
  );
}
