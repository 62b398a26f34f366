import { isValidId, newId } from '@torg/shared';
import { type FormEvent, useId, useState } from 'react';
import { navigate } from '../App.js';
import { useT } from '../i18n/LocaleProvider.js';
import { LocaleSwitch } from '../i18n/LocaleSwitch.js';

export function HomePage() {
  const t = useT();
  const inputId = useId();
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
    <main className="page home">
      <header className="home-header">
        <h1>{t('app.name')}</h1>
        <LocaleSwitch />
      </header>
      <p className="tagline">{t('app.tagline')}</p>
      <button type="button" className="btn btn-primary" onClick={() => navigate(`/b/${newId()}`)}>
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
    </main>
  );
}
