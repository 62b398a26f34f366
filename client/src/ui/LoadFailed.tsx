import { useT } from '../i18n/LocaleProvider.js';

/** What a page or card shows when loading failed: the reason, announced, and a way to retry. */
export function LoadFailed({ message, onRetry }: { message: string; onRetry: () => void }) {
  const t = useT();
  return (
    <>
      <p className="error" role="alert">
        {message}
      </p>
      <button type="button" className="btn" onClick={onRetry}>
        {t('join.tryAgain')}
      </button>
    </>
  );
}
