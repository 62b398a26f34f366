import { useEffect, useState } from 'react';

/**
 * A name that is edited where it stands: saved on Enter or when focus leaves (if changed and
 * not empty); Escape puts the saved name back.
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
    <input
      className={`inline-rename${className ? ` ${className}` : ''}`}
      aria-label={label}
      value={draft}
      maxLength={80}
      onFocus={() => setEditing(true)}
      onChange={(e) => setDraft(e.target.value)}
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
