import { formatJoinCode, isJoinCode, JOIN_CODE_LENGTH, normaliseJoinCode } from '@torg/shared';
import { type FormEvent, useId, useState } from 'react';
import { useT } from '../../i18n/LocaleProvider.js';
import { navigate } from '../../router.js';
import { Field } from '../../ui/Field.js';

/** "Bli med": the eight-character code (typed with or without its space) → `/j/<code>`. */
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
                // Room for the code as shown (4 + 4 with a space) and a stray dash or space.
                maxLength={JOIN_CODE_LENGTH + 4}
                placeholder={formatJoinCode('X'.repeat(JOIN_CODE_LENGTH))}
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
