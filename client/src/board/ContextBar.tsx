import {
  FILL,
  FILL_COLORS,
  type FillColor,
  GEO_KINDS,
  hasTextField,
  INK,
  INK_COLORS,
  type InkColor,
  isBoxShape,
  type Shape,
  type ShapePatch,
  STICKY_COLORS,
  STICKY_FILL,
  type StickyColor,
  shapeBounds,
  unionRects,
} from '@torg/shared';
import { useRef } from 'react';
import { useT } from '../i18n/LocaleProvider.js';
import {
  bringToFront,
  deleteIds,
  duplicate,
  lockableIds,
  patchShapes,
  sendToBack,
  setLocked,
} from './actions.js';
import { connectShapes } from './editor/create.js';
import type { Editor } from './editor/Editor.js';
import { stickySizePatch } from './editor/Editor.js';
import { useEditorState } from './editor/hooks.js';
import type { EditorState } from './editor/state.js';
import { useRevisions } from './hooks.js';
import { IconButton } from './icons.js';
import { SortNotesButton } from './SortNotesButton.js';
import { SourceLink } from './SourceLink.js';

function Swatches<C extends StickyColor | InkColor | FillColor>({
  label,
  colors,
  hex,
  current,
  onPick,
}: {
  label: string;
  colors: readonly C[];
  hex: (c: C) => string | null;
  current: C | undefined;
  onPick(c: C): void;
}) {
  const t = useT();
  return (
    <fieldset className="swatches">
      <legend className="visually-hidden">{label}</legend>
      {colors.map((c) => (
        <button
          key={c}
          type="button"
          className="swatch"
          aria-pressed={current === c}
          title={t(`color.${c}` as const)}
          style={{
            background: hex(c) ?? 'repeating-linear-gradient(45deg,#fff 0 4px,#d5d9e0 4px 8px)',
          }}
          onClick={() => onPick(c)}
        >
          <span className="visually-hidden">{t(`color.${c}` as const)}</span>
        </button>
      ))}
    </fieldset>
  );
}

function Choice<V extends string>({
  label,
  options,
  current,
  onPick,
  text,
}: {
  label: string;
  options: readonly V[];
  current: V | undefined;
  onPick(v: V): void;
  text(v: V): string;
}) {
  return (
    <fieldset className="choice">
      <legend className="visually-hidden">{label}</legend>
      {options.map((o) => (
        <button
          key={o}
          type="button"
          className="chip"
          aria-pressed={current === o}
          onClick={() => onPick(o)}
        >
          {text(o)}
        </button>
      ))}
    </fieldset>
  );
}

/** Style and actions for the selection; every control labelled and keyboard-operable. */
export function ContextBar({ api }: { api: Editor }) {
  const t = useT();
  const selection = useEditorState(api, (s) => s.selection);
  const readOnly = useEditorState(api, (s) => s.readOnly);
  const tool = useEditorState(api, (s) => s.tool);
  const style = useEditorState(api, (s) => s.style);
  const mayUnlockFurniture = useEditorState(api, (s) => s.rules.mayUnlockFurniture);
  const barRef = useRef<HTMLElement>(null);
  // The bar floats over the top of the board (the canvas never moves for it); when the
  // selection lies under it there, it floats at the bottom instead.
  const below = useEditorState(api, (s) =>
    selectionUnderTop(api, s, (barRef.current?.offsetHeight ?? 48) + 16),
  );
  const place = below ? 'context-bar at-bottom' : 'context-bar';
  useRevisions(api.store, selection);
  const shapes = selection.map((id) => api.store.get(id)).filter((s): s is Shape => !!s);
  // Looking only: nothing to style or change.
  if (readOnly) return null;
  if (shapes.length === 0) {
    if (tool !== 'pen') return null;
    return (
      <section ref={barRef} className={place} aria-label={t('context.pen')}>
        <Swatches
          label={t('context.color')}
          colors={INK_COLORS}
          hex={(c) => INK[c]}
          current={style.penColor}
          onPick={(c) => api.setStyle({ penColor: c })}
        />
        <Choice
          label={t('context.width')}
          options={['s', 'm', 'l'] as const}
          current={style.penWidth}
          onPick={(w) => api.setStyle({ penWidth: w })}
          text={(w) => t(`size.${w}` as const)}
        />
      </section>
    );
  }
  const ids = shapes.map((s) => s.id);
  const unlocked = shapes.filter((s) => !s.locked);
  const only = <T extends Shape['type']>(type: T) =>
    unlocked.filter((s): s is Extract<Shape, { type: T }> => s.type === type);
  const patchAll = (list: Shape[], patch: ShapePatch) =>
    patchShapes(api.doc, new Map(list.map((s) => [s.id, patch])));
  const stickies = only('sticky');
  const texts = only('text');
  const geos = only('geo');
  const connectors = only('connector');
  const frames = only('frame');
  const allLocked = shapes.every((s) => s.locked);
  // A template's furniture stays locked unless this person may unlock it (facilitators).
  const lockable = lockableIds(api.store, ids, mayUnlockFurniture);

  return (
    <section
      ref={barRef}
      className={place}
      aria-label={t('context.label', { count: shapes.length })}
    >
      {stickies.length > 0 && (
        <>
          <Swatches
            label={t('context.stickyColor')}
            colors={STICKY_COLORS}
            hex={(c) => STICKY_FILL[c]}
            current={stickies[0]?.color}
            onPick={(color) => patchAll(stickies, { color })}
          />
          <Choice
            label={t('context.size')}
            options={['s', 'm', 'l'] as const}
            current={stickies[0]?.size}
            onPick={(size) => patchAll(stickies, stickySizePatch(size))}
            text={(s) => t(`size.${s}` as const)}
          />
        </>
      )}
      {texts.length > 0 && (
        <>
          <Swatches
            label={t('context.color')}
            colors={INK_COLORS}
            hex={(c) => INK[c]}
            current={texts[0]?.color}
            onPick={(color) => patchAll(texts, { color })}
          />
          <Choice
            label={t('context.size')}
            options={['s', 'm', 'l', 'xl'] as const}
            current={texts[0]?.size}
            onPick={(size) => {
              patchAll(texts, { size });
              for (const s of texts) api.refitText(s.id);
            }}
            text={(s) => t(`size.${s}` as const)}
          />
          <button
            type="button"
            className="chip"
            aria-pressed={texts[0]?.bold ?? false}
            onClick={() => {
              patchAll(texts, { bold: !texts[0]?.bold });
              for (const s of texts) api.refitText(s.id);
            }}
          >
            <b>{t('context.bold')}</b>
          </button>
        </>
      )}
      {geos.length > 0 && (
        <>
          <Choice
            label={t('context.kind')}
            options={GEO_KINDS}
            current={geos[0]?.kind}
            onPick={(kind) => patchAll(geos, { kind })}
            text={(k) => t(`tool.${k}` as const)}
          />
          <Swatches
            label={t('context.fill')}
            colors={FILL_COLORS}
            hex={(c) => FILL[c]}
            current={geos[0]?.fill}
            onPick={(fill) => patchAll(geos, { fill })}
          />
          <Swatches
            label={t('context.stroke')}
            colors={INK_COLORS}
            hex={(c) => INK[c]}
            current={geos[0]?.stroke}
            onPick={(stroke) => patchAll(geos, { stroke })}
          />
        </>
      )}
      {frames.length > 0 && (
        <Swatches
          label={t('context.fill')}
          colors={FILL_COLORS}
          hex={(c) => FILL[c]}
          current={frames[0]?.color}
          onPick={(color) => patchAll(frames, { color })}
        />
      )}
      {connectors.length > 0 && (
        <>
          <Choice
            label={t('context.route')}
            options={['straight', 'elbow'] as const}
            current={connectors[0]?.route}
            onPick={(route) => patchAll(connectors, { route })}
            text={(r) => t(`route.${r}` as const)}
          />
          <Swatches
            label={t('context.color')}
            colors={INK_COLORS}
            hex={(c) => INK[c]}
            current={connectors[0]?.color}
            onPick={(color) => patchAll(connectors, { color })}
          />
          <button
            type="button"
            className="chip"
            aria-pressed={connectors[0]?.arrowStart ?? false}
            onClick={() => patchAll(connectors, { arrowStart: !connectors[0]?.arrowStart })}
          >
            {t('context.arrowStart')}
          </button>
          <button
            type="button"
            className="chip"
            aria-pressed={connectors[0]?.arrowEnd ?? false}
            onClick={() => patchAll(connectors, { arrowEnd: !connectors[0]?.arrowEnd })}
          >
            {t('context.arrowEnd')}
          </button>
        </>
      )}
      <span className="tools-sep" aria-hidden="true" />
      {/* A section of a template is a locked frame: its notes are still the group's to sort. */}
      {shapes.length === 1 && shapes[0]?.type === 'frame' && (
        <SortNotesButton api={api} frameId={shapes[0].id} />
      )}
      {shapes.length === 1 && shapes[0]?.type === 'sticky' && <SourceLink note={shapes[0]} />}
      {shapes.length === 2 && shapes.every(isBoxShape) && (
        <button
          type="button"
          className="chip"
          title={`${t('action.connect')} (C)`}
          onClick={() => connectShapes(api, ids[0] ?? '', ids[1] ?? '')}
        >
          {t('action.connect')}
        </button>
      )}
      {unlocked.length > 0 && (
        <button
          type="button"
          className="chip"
          onClick={() => api.edit(unlocked[0]?.id ?? null)}
          disabled={unlocked.length !== 1 || !hasTextField(unlocked[0])}
        >
          {t('action.editText')}
        </button>
      )}
      <IconButton
        icon="copy"
        label={t('action.duplicate')}
        shortcut="Ctrl+D"
        onClick={() => api.select(duplicate(api.doc, api.store, ids))}
      />
      <IconButton
        icon="front"
        label={t('action.front')}
        shortcut="Ctrl+]"
        onClick={() => bringToFront(api.doc, api.store, ids)}
        disabled={unlocked.length === 0}
      />
      <IconButton
        icon="back"
        label={t('action.back')}
        shortcut="Ctrl+["
        onClick={() => sendToBack(api.doc, api.store, ids)}
        disabled={unlocked.length === 0}
      />
      {lockable.length > 0 && (
        <IconButton
          icon={allLocked ? 'unlock' : 'lock'}
          label={allLocked ? t('action.unlock') : t('action.lock')}
          shortcut="Ctrl+Shift+L"
          onClick={() => setLocked(api.doc, api.store, lockable, !allLocked)}
        />
      )}
      <IconButton
        icon="fit"
        label={t('zoom.selection')}
        shortcut="Shift+2"
        onClick={() => api.zoomToSelection()}
      />
      <IconButton
        icon="trash"
        label={t('action.delete')}
        shortcut="Delete"
        onClick={() => deleteIds(api.doc, api.store, ids)}
        disabled={unlocked.length === 0}
      />
    </section>
  );
}

/**
 * Whether the selection reaches into the top `barHeight` px of the view (where the bar
 * floats) and there is room for it at the bottom.
 */
function selectionUnderTop(api: Editor, s: EditorState, barHeight: number): boolean {
  const boxes = s.selection.flatMap((id) => {
    const shape = api.store.get(id);
    return (shape && shapeBounds(shape, api.store.lookup)) ?? [];
  });
  const area = unionRects(boxes);
  if (!area) return false;
  const top = area.y * s.camera.scale + s.camera.y;
  const bottom = (area.y + area.h) * s.camera.scale + s.camera.y;
  return top < barHeight && bottom < s.viewport.height - barHeight;
}
