/** @module The facilitator's "Add scale" menu: willingness, capacity, confidence, when not yet on the board. */
import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { addScale, listScales } from '../../shared/ratings';
import { SCALES, type ScaleDefinition } from '../../shared/scales';
import { useDocRevision, useSession } from '../board/session';

/**
 * Only the facilitator adds scales: two people adding the same scale at once would each write
 * a new, empty scale, and the ratings placed on the losing one would be lost.
 */
export function AddScaleMenu() {
  const { doc, linkRole, writable, messages: m, language } = useSession();
  const revision = useDocRevision(doc);
  // biome-ignore lint/correctness/useExhaustiveDependencies: revision says the doc changed
  const missing = useMemo(() => {
    const present = new Set(listScales(doc).map((scale) => scale.id));
    // Offered in the reader's language; the scale itself is stored in the board's words.
    return SCALES.filter((scale) => !present.has(scale.id));
  }, [doc, revision]);
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    rootRef.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
    const closeOutside = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', closeOutside);
    return () => document.removeEventListener('pointerdown', closeOutside);
  }, [open]);

  if (linkRole !== 'facilitator' || !writable || missing.length === 0) return null;

  function pick(scale: ScaleDefinition) {
    addScale(doc, scale.id);
    setOpen(false);
    toggleRef.current?.focus();
  }

  function onMenuKey(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      setOpen(false);
      toggleRef.current?.focus();
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const items = [
      ...(rootRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? []),
    ];
    const current = items.indexOf(document.activeElement as HTMLButtonElement);
    const step = event.key === 'ArrowDown' ? 1 : -1;
    items[(current + step + items.length) % items.length]?.focus();
  }

  return (
    <div className="add-scale" ref={rootRef}>
      <button
        ref={toggleRef}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((value) => !value)}
      >
        {m.addScale}
      </button>
      {open && (
        <div
          id={menuId}
          role="menu"
          aria-label={m.addScaleMenu}
          className="add-scale-menu"
          onKeyDown={onMenuKey}
        >
          {missing.map((scale) => (
            <button key={scale.id} type="button" role="menuitem" onClick={() => pick(scale)}>
              {scale.label[language]}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
