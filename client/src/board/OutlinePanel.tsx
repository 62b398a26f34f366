import {
  center,
  contentBySection,
  frameMembership,
  isFurniture,
  type Shape,
  shapeBounds,
  shapeText,
  textPatch,
  utilOf,
} from '@torg/shared';
import { useId } from 'react';
import { useT } from '../i18n/LocaleProvider.js';
import { useClosablePanel } from '../ui/useReturnFocus.js';
import { deleteIds, patchShapes } from './actions.js';
import { createStickyInFreeSpace } from './editor/create.js';
import type { Editor } from './editor/Editor.js';
import { useEditorState } from './editor/hooks.js';
import { useBoardVersion } from './hooks.js';
import { describeShape, nameOf, typeLabelKey } from './views/index.js';

/** Reading order: top to bottom, then left to right. */
function byReadingOrder(api: Editor) {
  return (a: Shape, b: Shape) => {
    const ba = shapeBounds(a, api.store.lookup);
    const bb = shapeBounds(b, api.store.lookup);
    return (ba?.y ?? 0) - (bb?.y ?? 0) || (ba?.x ?? 0) - (bb?.x ?? 0);
  };
}

/**
 * The board as text, grouped by frame: read, edit, add and delete with the keyboard and a
 * screen reader. It is also the quickest way to review a board.
 */
export function OutlinePanel({ api, onClose }: { api: Editor; onClose(): void }) {
  const t = useT();
  const readOnly = useEditorState(api, (s) => s.readOnly);
  useBoardVersion(api.store);
  const headingId = useId();
  const panel = useClosablePanel(onClose);
  const shapes = api.store.list();
  const parent = frameMembership(shapes);
  const children = new Map<string | null, Shape[]>();
  for (const s of shapes) {
    const p = parent.get(s.id) ?? null;
    children.set(p, [...(children.get(p) ?? []), s]);
  }
  for (const list of children.values()) list.sort(byReadingOrder(api));
  // In a template's sections the order is the shared by-section reading order (the one the
  // exports use), so the outline and the report list a section the same way.
  const sectionOrder = new Map<string, number>();
  for (const section of contentBySection(shapes)) {
    for (const [i, item] of section.items.entries()) sectionOrder.set(item.id, i);
  }
  for (const [frameId, list] of children) {
    const frame = frameId ? api.store.get(frameId) : undefined;
    if (frame?.type === 'frame' && frame.section) {
      list.sort(
        (a, b) =>
          (sectionOrder.get(a.id) ?? Number.MAX_SAFE_INTEGER) -
          (sectionOrder.get(b.id) ?? Number.MAX_SAFE_INTEGER),
      );
    }
  }

  const addStickyIn = (frameId: string | null) => {
    // In free space inside the section (or near the middle of the view): never on a note.
    const id = createStickyInFreeSpace(api, frameId, { after: 'none' });
    // Focus the new item's field so typing can start at once.
    if (id) requestAnimationFrame(() => document.getElementById(`outline-${id}`)?.focus());
  };

  const renderGroup = (frameId: string | null, level: number): React.ReactNode => {
    const items = children.get(frameId) ?? [];
    const frame = frameId ? api.store.get(frameId) : undefined;
    const name = frame
      ? shapeText(frame) || t('outline.untitledFrame')
      : t('outline.outsideFrames');
    return (
      <section key={frameId ?? 'root'} className="outline-group" aria-label={name}>
        {frame && isFurniture(frame) ? (
          // A template's section: a heading, not an object to rename or delete here.
          <div className="outline-frame-head">
            <h3 className={`outline-section-head level-${Math.min(level, 3)}`}>{name}</h3>
            <ItemActions api={api} shape={frame} />
          </div>
        ) : frame ? (
          <div className="outline-frame-head">
            <label className="visually-hidden" htmlFor={`outline-${frame.id}`}>
              {t('outline.frameName')}
            </label>
            <input
              id={`outline-${frame.id}`}
              className={`outline-frame-name level-${Math.min(level, 3)}`}
              value={shapeText(frame)}
              placeholder={t('outline.untitledFrame')}
              disabled={frame.locked}
              readOnly={readOnly}
              onChange={(e) =>
                patchShapes(api.doc, new Map([[frame.id, textPatch(frame, e.target.value)]]))
              }
            />
            <ItemActions api={api} shape={frame} />
          </div>
        ) : (
          <h3 className="outline-root-head">{name}</h3>
        )}
        <ul className="outline-items">
          {items
            .filter((s) => s.type !== 'frame' && !isFurniture(s))
            .map((s) => (
              <li key={s.id}>
                <OutlineItem api={api} shape={s} />
              </li>
            ))}
        </ul>
        {!readOnly && (
          <button type="button" className="chip" onClick={() => addStickyIn(frameId)}>
            {t('outline.addSticky', { group: name })}
          </button>
        )}
        {items.filter((s) => s.type === 'frame').map((f) => renderGroup(f.id, level + 1))}
      </section>
    );
  };

  return (
    <aside {...panel} className="outline" aria-labelledby={headingId}>
      <div className="outline-head">
        <h2 id={headingId}>{t('outline.title')}</h2>
        <p className="outline-count">
          {t('board.objectCount', { count: shapes.filter((s) => !isFurniture(s)).length })}
        </p>
        <button type="button" className="btn btn-quiet" onClick={onClose}>
          {t('outline.close')}
        </button>
      </div>
      {renderGroup(null, 0)}
    </aside>
  );
}

function OutlineItem({ api, shape }: { api: Editor; shape: Shape }) {
  const t = useT();
  const readOnly = useEditorState(api, (s) => s.readOnly);
  const fieldId = `outline-${shape.id}`;
  const typeLabel = t(typeLabelKey(shape.type));
  const value = shapeText(shape);
  const describe = describeShape(shape, { t, nameOf: (id) => nameOf(api, id) });
  const util = utilOf(shape);
  return (
    <div className="outline-item" data-shape-id={shape.id}>
      <label htmlFor={fieldId} className="outline-type">
        {typeLabel}
        {describe && <span className="outline-describe"> {describe}</span>}
        {shape.locked && <span className="outline-locked"> ({t('outline.locked')})</span>}
      </label>
      {util.textField === null ? (
        <p id={fieldId} className="outline-static">
          {t('outline.drawingDescription')}
        </p>
      ) : util.multiline ? (
        <textarea
          id={fieldId}
          className="outline-field"
          value={value}
          rows={Math.min(6, Math.max(1, value.split('\n').length))}
          disabled={shape.locked}
          readOnly={readOnly}
          onChange={(e) =>
            patchShapes(api.doc, new Map([[shape.id, textPatch(shape, e.target.value)]]))
          }
        />
      ) : (
        <input
          id={fieldId}
          className="outline-field"
          value={value}
          disabled={shape.locked}
          readOnly={readOnly}
          onChange={(e) =>
            patchShapes(api.doc, new Map([[shape.id, textPatch(shape, e.target.value)]]))
          }
        />
      )}
      <ItemActions api={api} shape={shape} />
    </div>
  );
}

function ItemActions({ api, shape }: { api: Editor; shape: Shape }) {
  const t = useT();
  const readOnly = useEditorState(api, (s) => s.readOnly);
  const name = shapeText(shape).slice(0, 40) || t(typeLabelKey(shape.type));
  return (
    <span className="outline-actions">
      <button
        type="button"
        className="chip"
        aria-label={t('outline.show', { name })}
        onClick={() => {
          api.select([shape.id]);
          const b = shapeBounds(shape, api.store.lookup);
          if (b)
            api.setCamera(
              (c) => ({
                ...c,
                x: api.viewport.width / 2 - center(b).x * c.scale,
                y: api.viewport.height / 2 - center(b).y * c.scale,
              }),
              true,
            );
        }}
      >
        {t('outline.showShort')}
      </button>
      {!readOnly && !isFurniture(shape) && (
        <button
          type="button"
          className="chip"
          aria-label={t('outline.delete', { name })}
          disabled={shape.locked}
          onClick={() => deleteIds(api.doc, api.store, [shape.id])}
        >
          {t('outline.deleteShort')}
        </button>
      )}
    </span>
  );
}
