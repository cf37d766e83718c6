/** @module A native modal <dialog> for as long as a component is mounted: focus kept inside, Escape, and focus back after. */
import { useLayoutEffect, useRef } from 'react';

export function useModalDialog() {
  const ref = useRef<HTMLDialogElement>(null);
  // A layout effect, so that close() runs while the dialog is still in the page: the browser
  // then gives focus back to whatever opened it.
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (dialog !== null && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return ref;
}
