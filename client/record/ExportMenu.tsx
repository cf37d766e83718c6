/** @module The header's "Export" menu: the print view (for PDF) in a new tab, Markdown and JSON as files. */
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import type { VersionInfo } from '../../shared/version';
import { fetchRecordFile, type RecordFormat } from '../api';
import type { Messages } from '../i18n';
import { printViewHref, recordFileName, saveBlob } from './download';
import './export-menu.css';

interface Props {
  boardId: string;
  token: string;
  /** The board's title, for the file name. */
  title: string;
  /** The saved version on screen, if one is: that is what gets exported, named as such. */
  version?: VersionInfo | undefined;
  messages: Messages;
}

export function ExportMenu({ boardId, token, title, version, messages: m }: Props) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<RecordFormat | null>(null);
  const [failed, setFailed] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    rootRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const closeOutside = (event: PointerEvent) => {
      if (rootRef.current?.contains(event.target as Node)) return;
      setOpen(false);
      setFailed(false);
    };
    document.addEventListener('pointerdown', closeOutside);
    return () => document.removeEventListener('pointerdown', closeOutside);
  }, [open]);

  function close(returnFocus: boolean) {
    setOpen(false);
    setFailed(false);
    if (returnFocus) toggleRef.current?.focus();
  }

  async function download(format: RecordFormat) {
    setBusy(format);
    setFailed(false);
    const result = await fetchRecordFile(boardId, token, format, version?.id);
    setBusy(null);
    if (!result.ok) {
      setFailed(true);
      return;
    }
    const name = version === undefined ? title : `${title} ${version.label}`;
    saveBlob(result.value, recordFileName(name, new Date(), format));
    close(true);
  }

  function onMenuKey(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      close(true);
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const items = [...(rootRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const current = items.indexOf(document.activeElement as HTMLElement);
    const step = event.key === 'ArrowDown' ? 1 : -1;
    items[(current + step + items.length) % items.length]?.focus();
  }

  return (
    <div className="export-menu" ref={rootRef}>
      <button
        ref={toggleRef}
        type="button"
        className="tool"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? close(false) : setOpen(true))}
      >
        {m.exportMenu}
      </button>
      {open && (
        <div
          id={menuId}
          role="menu"
          aria-label={m.exportMenuLabel}
          aria-busy={busy !== null}
          className="export-menu-items"
          onKeyDown={onMenuKey}
        >
          <a
            role="menuitem"
            href={printViewHref(boardId, token, version?.id)}
            target="_blank"
            rel="noopener noreferrer"
            onClick={() => close(false)}
          >
            {m.exportPrint}
            <span className="visually-hidden"> {m.exportNewTab}</span>
          </a>
          <button
            type="button"
            role="menuitem"
            disabled={busy !== null}
            onClick={() => void download('md')}
          >
            {m.exportMarkdown}
          </button>
          <button
            type="button"
            role="menuitem"
            disabled={busy !== null}
            onClick={() => void download('json')}
          >
            {m.exportJson}
          </button>
          {busy !== null && (
            <p className="export-menu-status" role="status">
              {m.exportDownloading}
            </p>
          )}
          {failed && (
            <p className="export-menu-status export-menu-status--error" role="alert">
              {m.exportFailed}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
