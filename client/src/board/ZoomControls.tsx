import { useT } from '../i18n/LocaleProvider.js';
import type { EditorApi } from './editor.js';
import { Icon } from './icons.js';

export function ZoomControls({
  api,
  minimapOpen,
  onToggleMinimap,
}: {
  api: EditorApi;
  minimapOpen: boolean;
  onToggleMinimap(): void;
}) {
  const t = useT();
  const pct = Math.round(api.state.camera.scale * 100);
  return (
    <fieldset className="zoom-controls">
      <legend className="visually-hidden">{t('zoom.label')}</legend>
      <button
        type="button"
        className="tool-btn"
        title={`${t('zoom.out')} (−)`}
        aria-keyshortcuts="-"
        onClick={() => api.zoomBy(1 / 1.25)}
      >
        <Icon name="minus" />
        <span className="visually-hidden">{t('zoom.out')}</span>
      </button>
      <button
        type="button"
        className="zoom-pct"
        title={`${t('zoom.reset')} (Shift+0)`}
        onClick={() => api.setCamera((c) => ({ ...c, scale: 1 }), true)}
      >
        <span className="visually-hidden">{t('zoom.level')}</span>
        {pct} %
      </button>
      <button
        type="button"
        className="tool-btn"
        title={`${t('zoom.in')} (+)`}
        aria-keyshortcuts="+"
        onClick={() => api.zoomBy(1.25)}
      >
        <Icon name="plus" />
        <span className="visually-hidden">{t('zoom.in')}</span>
      </button>
      <button
        type="button"
        className="tool-btn"
        title={`${t('zoom.fit')} (Shift+1)`}
        aria-keyshortcuts="Shift+1"
        onClick={() => api.zoomToFit()}
      >
        <Icon name="fit" />
        <span className="visually-hidden">{t('zoom.fit')}</span>
      </button>
      <button
        type="button"
        className="tool-btn"
        aria-pressed={minimapOpen}
        title={t('minimap.toggle')}
        onClick={onToggleMinimap}
      >
        <Icon name="map" />
        <span className="visually-hidden">{t('minimap.toggle')}</span>
      </button>
    </fieldset>
  );
}
