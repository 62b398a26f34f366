import { useEffect, useState } from 'react';
import { useT } from '../i18n/LocaleProvider.js';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard API (plain HTTP on another host): the old way.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
    area.remove();
    return ok;
  }
}

/** "Copy" with a spoken and visible confirmation (or how to copy by hand). */
export function CopyButton({ text, what }: { text: string; what: string }) {
  const t = useT();
  const [result, setResult] = useState<'ok' | 'failed' | null>(null);
  useEffect(() => {
    if (!result) return;
    const id = setTimeout(() => setResult(null), result === 'ok' ? 2500 : 8000);
    return () => clearTimeout(id);
  }, [result]);
  return (
    <span className="copy">
      <button
        type="button"
        className="btn"
        aria-label={t('console.copyWhat', { what })}
        onClick={() => void copyText(text).then((ok) => setResult(ok ? 'ok' : 'failed'))}
      >
        {t('console.copy')}
      </button>
      <span className="copy-result" role="status">
        {result === 'ok' ? t('console.copied') : result === 'failed' ? t('console.copyFailed') : ''}
      </span>
    </span>
  );
}

/** A link to share: shown in full (selectable), with a copy button. */
export function ShareLink({ label, url, hint }: { label: string; url: string; hint?: string }) {
  return (
    <div className="share-link">
      <span className="share-label">{label}</span>
      {hint && <span className="field-hint">{hint}</span>}
      <span className="share-row">
        <code className="share-url">{url}</code>
        <CopyButton text={url} what={label.toLowerCase()} />
      </span>
    </div>
  );
}
