/** @module The start page: name a board, pick its language, create it and get the role links. */
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { Language } from '../shared/language';
import { type CreatedBoard, createBoard } from './api';
import { rememberLinks } from './board/known-links';
import { CreatedLinks } from './CreatedLinks';
import { browserLanguage, messagesFor } from './i18n';

const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { sv: 'Svenska', en: 'English' };

/** Kept for this tab only, so a second board need not ask again, and gone when the tab closes. */
const CREATE_KEY_STORAGE = 'samkarta:create-key';

export function HomePage() {
  // The board's language is also the page's: whoever picks English reads English.
  const [language, setLanguage] = useState<Language>(browserLanguage);
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedBoard | null>(null);
  // Null until the server asks for a key (CREATE_KEY set): most servers never do.
  const [createKey, setCreateKey] = useState<string | null>(recallCreateKey);
  const keyRef = useRef<HTMLInputElement>(null);
  const m = messagesFor(language);
  const titleId = useId();
  const hintId = useId();
  const keyId = useId();
  const keyHintId = useId();

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = m.appName;
  }, [language, m]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await createBoard(title, language, createKey || undefined);
    setBusy(false);
    if (result.ok) {
      // The server keeps only hashes: this device is the one place that can show them again.
      rememberLinks(result.value.id, result.value.links);
      if (createKey) keepCreateKey(createKey);
      setCreated(result.value);
    } else if (result.status === 401 && createKey === null) {
      // The field and its hint say what is needed; no error before anything was tried.
      setCreateKey('');
      requestAnimationFrame(() => keyRef.current?.focus());
    } else if (result.status === 401) {
      setError(m.createKeyWrong);
      keyRef.current?.focus();
    } else {
      setError(result.error ?? m.createFailed);
    }
  }

  return (
    <main className="home">
      <h1>{m.appName}</h1>
      <p className="intro">{m.homeIntro}</p>
      <form className="create-board" onSubmit={onSubmit}>
        <label htmlFor={titleId}>{m.boardTitle}</label>
        <input
          id={titleId}
          name="title"
          required
          autoComplete="off"
          aria-describedby={hintId}
          value={title}
          onChange={(event) => setTitle(event.target.value)}
        />
        <p id={hintId} className="hint">
          {m.boardTitleHint}
        </p>
        <fieldset>
          <legend>{m.boardLanguage}</legend>
          {(Object.keys(LANGUAGE_NAMES) as Language[]).map((option) => (
            <label key={option} className="choice">
              <input
                type="radio"
                name="language"
                value={option}
                checked={language === option}
                onChange={() => setLanguage(option)}
              />
              <span lang={option}>{LANGUAGE_NAMES[option]}</span>
            </label>
          ))}
        </fieldset>
        {createKey !== null && (
          <>
            <label htmlFor={keyId}>{m.createKey}</label>
            <input
              id={keyId}
              ref={keyRef}
              type="password"
              name="create-key"
              autoComplete="off"
              required
              aria-describedby={keyHintId}
              value={createKey}
              onChange={(event) => setCreateKey(event.target.value)}
            />
            <p id={keyHintId} className="hint">
              {m.createKeyHint}
            </p>
          </>
        )}
        <button type="submit" disabled={busy}>
          {busy ? m.creatingBoard : m.createBoard}
        </button>
        {error !== null && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </form>
      {created !== null && <CreatedLinks board={created} messages={m} />}
    </main>
  );
}

function recallCreateKey(): string | null {
  try {
    return window.sessionStorage.getItem(CREATE_KEY_STORAGE);
  } catch {
    return null;
  }
}

function keepCreateKey(key: string): void {
  try {
    window.sessionStorage.setItem(CREATE_KEY_STORAGE, key);
  } catch {
    // Storage off: the next board in this tab asks for the key again.
  }
}
