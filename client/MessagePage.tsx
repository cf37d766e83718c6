/** @module A whole page that says one thing: loading, a link that is not valid, a failure. */
import { type ReactNode, useEffect } from 'react';
import type { Language } from '../shared/language';
import { messagesFor } from './i18n';

interface Props {
  language: Language;
  text: string;
  /** True while something is on its way, so assistive tech announces the wait. */
  busy?: boolean;
  children?: ReactNode;
}

export function MessagePage({ language, text, busy = false, children }: Props) {
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  return (
    <main className="message-page" lang={language} aria-busy={busy}>
      <h1>{messagesFor(language).appName}</h1>
      <p className="message" role={busy ? 'status' : 'alert'}>
        {text}
      </p>
      {children}
    </main>
  );
}
