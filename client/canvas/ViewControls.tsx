/** @module Buttons for the view: show the whole map, zoom in, zoom out (keyboard and screen readers). */
import type { Messages } from '../i18n';

interface Props {
  messages: Messages;
  onFit: () => void;
  onZoomIn: () => void;
  onZoomOut: () => void;
}

/**
 * Small icon buttons in the map's top right corner, named for screen readers and tooltips. The
 * fitted view keeps that corner free (`fitInsets`), so they cover nothing until someone zooms.
 */
export function ViewControls({ messages: m, onFit, onZoomIn, onZoomOut }: Props) {
  return (
    <div
      className="board-canvas-controls"
      role="toolbar"
      aria-label={m.mapView}
      onPointerDown={(event) => event.stopPropagation()}
    >
      <button type="button" onClick={onFit} aria-label={m.fitBoard} title={m.fitBoard}>
        <FitIcon />
      </button>
      <button type="button" onClick={onZoomIn} aria-label={m.zoomIn} title={m.zoomIn}>
        <span aria-hidden="true">+</span>
      </button>
      <button type="button" onClick={onZoomOut} aria-label={m.zoomOut} title={m.zoomOut}>
        <span aria-hidden="true">−</span>
      </button>
    </div>
  );
}

/** Four corners around the whole: "show all of it". */
function FitIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" focusable="false">
      <path
        d="M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5"
        fill="none"
        stroke="currentColor"
        strokeWidth="2.2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
