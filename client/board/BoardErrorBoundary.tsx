/** @module If the board page ever fails to draw, say so and offer a reload instead of a blank page. */
import { Component, type ReactNode } from 'react';
import type { Language } from '../../shared/language';
import { messagesFor } from '../i18n';
import { MessagePage } from '../MessagePage';

interface Props {
  language: Language;
  children: ReactNode;
}

/**
 * Without this, one throw while rendering unmounts the whole React tree. The board itself is
 * safe on the server and in this device's copy, so a reload is the honest way back.
 */
export class BoardErrorBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    const m = messagesFor(this.props.language);
    return (
      <MessagePage language={this.props.language} text={m.boardFailed}>
        <button type="button" onClick={() => window.location.reload()}>
          {m.reload}
        </button>
      </MessagePage>
    );
  }
}
