import { DEFAULT_GROUP_COUNT, MAX_GROUPS, MIN_GROUPS } from '@torg/shared';
import { type FormEvent, useId, useRef, useState } from 'react';
import { isSignInRequired } from '../../accounts/account-api.js';
import { storedName, storeName } from '../../board/identity.js';
import { useT } from '../../i18n/LocaleProvider.js';
import { navigate } from '../../router.js';
import { Field } from '../../ui/Field.js';
import { api, errorKey } from '../../workshop/api.js';
import { localToday } from '../../workshop/dates.js';
import { setToken } from '../../workshop/tokens.js';

type FieldName = 'title' | 'date' | 'facilitatorName';

/**
 * "Ny samling": title, date, groups and the facilitator's name → the console. Only for a
 * signed-in facilitator (the server refuses anyone else); `onSignedOut` is told when the
 * server says the session is gone, so the page can show the sign-in instead.
 */
export function CreateWorkshopForm({
  accountName,
  onSignedOut,
}: {
  accountName: string;
  onSignedOut(): void;
}) {
  const t = useT();
  const headingId = useId();
  const defaultName = (n: number) => t('home.defaultGroupName', { n });
  const [title, setTitle] = useState('');
  const [date, setDate] = useState(localToday);
  const [count, setCount] = useState(DEFAULT_GROUP_COUNT);
  const [names, setNames] = useState<string[]>(() =>
    Array.from({ length: MAX_GROUPS }, (_, i) => defaultName(i + 1)),
  );
  const [facilitatorName, setFacilitatorName] = useState(() => storedName() ?? accountName);
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
      setBusy(false);
      if (isSignInRequired(err)) onSignedOut();
      else setFailure(t(errorKey(err)));
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
