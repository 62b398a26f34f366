import { useState } from 'react';
import { useLocale } from '../i18n/LocaleProvider.js';
import type { Editor } from './editor/Editor.js';
import { sortNotes } from './sort-notes.js';

/**
 * "Sorter lappene" for a selected frame, and what came of it: "sorted into 4 groups", with
 * Keep (the arrangement stays) and Undo (one step back, while it is still the last step).
 * The live region is there before anything is said in it, so screen readers hear the result.
 */
export function SortNotesButton({ api, frameId }: { api: Editor; frameId: string }) {
  const { t, locale } = useLocale();
  const [said, setSaid] = useState('');
  const [busy, setBusy] = useState(false);
  // The undo step sorting made, while it is the last one.
  const [step, setStep] = useState<number | null>(null);
  const sort = async () => {
    setBusy(true);
    try {
      const outcome = await sortNotes(api, frameId, locale, t('sort.other'));
      if (outcome === 'tooFew') setSaid(t('sort.tooFew'));
      else if (outcome === 'nothing') setSaid(t('sort.nothing'));
      else {
        setSaid(t('sort.done', { count: outcome.clusters }));
        setStep(api.undo.undoStack.length);
      }
    } finally {
      setBusy(false);
    }
  };
  const undoable = step !== null && api.undo.undoStack.length === step;
  const settle = (undo: boolean) => {
    if (undo && undoable) api.undo.undo();
    setStep(null);
    setSaid(undo ? t('sort.undone') : '');
  };
  return (
    <>
      <button type="button" className="chip" title={t('sort.hint')} disabled={busy} onClick={sort}>
        {t('sort.button')}
      </button>
      <span className="sort-status" role="status">
        {said}
      </span>
      {undoable && (
        <>
          <button type="button" className="chip" onClick={() => settle(false)}>
            {t('sort.keep')}
          </button>
          <button type="button" className="chip" onClick={() => settle(true)}>
            {t('sort.undo')}
          </button>
        </>
      )}
    </>
  );
}
