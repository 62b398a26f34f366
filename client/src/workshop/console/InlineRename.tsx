import { useEffect, useLayoutEffect, useRef, useState } from 'react';

const SIZES_ITSELF = typeof CSS !== 'undefined' && CSS.supports('field-sizing', 'content');

/**
 * A name that is edited where it stands: saved on Enter or when focus leaves (if changed and
 * not empty); Escape puts the saved name back. A one-line text area that grows, so a long
 * name wraps and is read in full (a text input would cut it off).
 */
export function InlineRename({
  value,
  label,
  onSave,
  className,
}: {
  value: string;
  label: string;
  onSave(name: string): Promise<boolean>;
  className?: string;
}) {
  const [draft, setDraft] = useState(value);
  const [editing, setEditing] = useState(false);
  const ref = useRef<HTMLTextAreaElement>(null);
  // As tall as its text: browsers with `field-sizing: content` do it themselves; elsewhere it
  // is measured when the text or the width changes (also when a hidden step is shown).
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-measured when the text changes
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || SIZES_ITSELF) return;
    const fit = () => {
      el.style.height = 'auto';
      el.style.height = `${el.scrollHeight + el.offsetHeight - el.clientHeight}px`;
    };
    fit();
    const watch = new ResizeObserver(fit);
    watch.observe(el, { box: 'content-box' });
    return () => watch.disconnect();
  }, [draft]);
  useEffect(() => {
    if (!editing) setDraft(value);
  }, [value, editing]);
  const commit = async () => {
    const name = draft.trim();
    if (!name || name === value) {
      setDraft(value);
      setEditing(false);
      return;
    }
    const ok = await onSave(name);
    if (!ok) setDraft(value);
    setEditing(false);
  };
  return (
    <textarea
      ref={ref}
      rows={1}
      className={`inline-rename${className ? ` ${className}` : ''}`}
      aria-label={label}
      aria-multiline={false}
      value={draft}
      maxLength={80}
      onFocus={() => setEditing(true)}
      // A name is one line: a pasted line break becomes a space.
      onChange={(e) => setDraft(e.target.value.replace(/[\r\n]+/g, ' '))}
      onBlur={() => void commit()}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          void commit();
        } else if (e.key === 'Escape') {
          setDraft(value);
          setEditing(false);
          e.currentTarget.blur();
        }
      }}
    />
  );
}
