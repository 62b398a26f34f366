import { type FormEvent, useId, useState } from 'react';
import { isSignInRequired } from '../../accounts/account-api.js';
import { useT } from '../../i18n/LocaleProvider.js';
import { navigate } from '../../router.js';
import { Field } from '../../ui/Field.js';
import { ApiError, errorKey } from '../../workshop/api.js';
import { setToken } from '../../workshop/tokens.js';

/**
 * "Importer en samling": a backup file (downloaded from a console, here or on another server)
 * → `POST /api/workshops/import` → the console, as the workshop's first facilitator. Signed-in
 * facilitators only, like creating one.
 */
export function ImportWorkshopForm({ onSignedOut }: { onSignedOut(): void }) {
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
      setBusy(false);
      if (isSignInRequired(err)) onSignedOut();
      else setError(importError(err, t));
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
