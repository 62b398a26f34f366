import { useT } from '../i18n/LocaleProvider.js';
import type { Editor } from './editor/Editor.js';
import { useEditorState } from './editor/hooks.js';
import { IconButton } from './icons.js';

export function ZoomControls({
  api,
  minimapOpen,
  onToggleMinimap,
}: {
  api: Editor;
  minimapOpen: boolean;
  onToggleMinimap(): void;
}) {
  const t = useT();
  const pct = Math.round(useEditorState(api, (s) => s.camera.scale) * 100);
  return (
    <fieldset className="zoom-controls">
      <legend className="visually-hidden">{t('zoom.label')}</legend>
      <IconButton
        icon="minus"
        label={t('zoom.out')}
        shortcut="−"
        keys="-"
        onClick={() => api.zoomBy(1 / 1.25)}
      />
      <button
        type="button"
        className="zoom-pct"
        title={`${t('zoom.reset')} (Shift+0)`}
        onClick={() => api.setCamera((c) => ({ ...c, scale: 1 }), true)}
      >
        <span className="visually-hidden">{t('zoom.level')}</span>
        {pct} %
      </button>
      <IconButton
        icon="plus"
        label={t('zoom.in')}
        shortcut="+"
        keys="+"
        onClick={() => api.zoomBy(1.25)}
      />
      <IconButton
        icon="fit"
        label={t('zoom.fit')}
        shortcut="Shift+1"
        keys="Shift+1"
        onClick={() => api.zoomToFit()}
      />
      <IconButton
        icon="map"
        label={t('minimap.toggle')}
        pressed={minimapOpen}
        onClick={onToggleMinimap}
      />
    </fieldset>
  );
}
