/** @module Undo/redo of this screen's own changes only (Ctrl/Cmd+Z, Shift+Ctrl/Cmd+Z, Ctrl+Y). */
import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { cardsMap, scalesMap } from '../../shared/board';

/** Typing and dragging within this time is one undo step. */
export const UNDO_CAPTURE_MS = 500;

/**
 * An UndoManager over cards and scales that tracks only local transactions (origin null): the
 * relay's and the local copy's transactions carry their provider as origin, so other people's
 * changes are never undone here.
 */
export function useUndoManager(doc: Y.Doc, enabled: boolean): Y.UndoManager | null {
  const [manager, setManager] = useState<Y.UndoManager | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const created = new Y.UndoManager([cardsMap(doc), scalesMap(doc)], {
      captureTimeout: UNDO_CAPTURE_MS,
    });
    setManager(created);
    return () => {
      created.destroy();
      setManager(null);
    };
  }, [doc, enabled]);
  return manager;
}

/** Whether there is something to undo / redo, updated as the stacks change. */
export function useUndoState(manager: Y.UndoManager | null): {
  canUndo: boolean;
  canRedo: boolean;
} {
  const [state, setState] = useState({ canUndo: false, canRedo: false });
  useEffect(() => {
    if (manager === null) return;
    const refresh = () => {
      const canUndo = manager.canUndo();
      const canRedo = manager.canRedo();
      // Same answer, same object: no re-render for the many transactions that change nothing here.
      setState((current) =>
        current.canUndo === canUndo && current.canRedo === canRedo ? current : { canUndo, canRedo },
      );
    };
    refresh();
    manager.on('stack-item-added', refresh);
    manager.on('stack-item-popped', refresh);
    manager.on('stack-cleared', refresh);
    // Undoing a step that changes nothing drops it without a stack event; the transaction the
    // undo ran in still ends, so check again after every transaction.
    manager.doc.on('afterTransaction', refresh);
    return () => {
      manager.doc.off('afterTransaction', refresh);
      manager.off('stack-item-added', refresh);
      manager.off('stack-item-popped', refresh);
      manager.off('stack-cleared', refresh);
    };
  }, [manager]);
  return state;
}

/** Keyboard shortcuts; text fields keep their own undo for the text being typed. */
export function useUndoShortcuts(manager: Y.UndoManager | null): void {
  useEffect(() => {
    if (manager === null) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      if (isTextField(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) manager.undo();
      else if ((key === 'z' && event.shiftKey) || key === 'y') manager.redo();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [manager]);
}

function isTextField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLTextAreaElement ||
    (target instanceof HTMLInputElement && target.type === 'text') ||
    (target instanceof HTMLElement && target.isContentEditable)
  );
}
