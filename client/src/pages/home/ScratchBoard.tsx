import { isValidId, newId } from '@torg/shared';
import { type FormEvent, useId, useState } from 'react';
import { useT } from '../../i18n/LocaleProvider.js';
import { navigate } from '../../router.js';

/** The open board without a workshop (what Torg was before workshops). */
export function ScratchBoard() {
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
