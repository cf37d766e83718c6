/** @module The start page: name a board, pick its language, create it and get the role links. */
import { type FormEvent, useEffect, useId, useState } from 'react';
import type { Language } from '../shared/language';
import { type CreatedBoard, createBoard } from './api';
import { CreatedLinks } from './CreatedLinks';
import { browserLanguage, messagesFor } from './i18n';

const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { sv: 'Svenska', en: 'English' };

export function HomePage() {
  // The board's language is also the page's: whoever picks English reads English.
  const [language, setLanguage] = useState<Language>(browserLanguage);
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedBoard | null>(null);
  const m = messagesFor(language);
  const titleId = useId();
  const hintId = useId();

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = m.appName;
  }, [language, m]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await createBoard(title, language);
    setBusy(false);
    if (result.ok) setCreated(result.value);
    else setError(result.error ?? m.createFailed);
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
