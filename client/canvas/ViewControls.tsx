/** @module Buttons for the view: show the whole map, zoom in, zoom out (keyboard and screen readers). */
import type { Messages } from '../i18n';

interface Props {
  messages: Messages;
  onFit: () => void;
  onZoomIn: () => void;
  onZoomOut: () => void;
}

export function ViewControls({ messages: m, onFit, onZoomIn, onZoomOut }: Props) {
  return (
    <div
      className="board-canvas-controls"
      role="toolbar"
      aria-label={m.boardMap}
      onPointerDown={(event) => event.stopPropagation()}
    >
      <button type="button" onClick={onFit}>
        {m.fitBoard}
      </button>
      <button type="button" onClick={onZoomIn} aria-label={m.zoomIn} title={m.zoomIn}>
        +
      </button>
      <button type="button" onClick={onZoomOut} aria-label={m.zoomOut} title={m.zoomOut}>
        −
      </button>
    </div>
  );
}
