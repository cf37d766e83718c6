/** @module Says whether this page is live with the others, so nobody mistakes offline for saved-for-all. */
import type { ConnectionState } from './hooks/useBoardDoc';
import type { Messages } from './i18n';

interface Props {
  /** `refused`: the server closed the connection for good for a reason other than the link. */
  state: ConnectionState | 'refused';
  messages: Messages;
  /** Only the dot shows; the words stay for screen readers (the projector's quiet header). */
  compact?: boolean;
}

export function ConnectionBadge({ state, messages: m, compact = false }: Props) {
  const text = {
    connecting: m.connecting,
    connected: m.connected,
    offline: m.offline,
    refused: m.connectionRefused,
  }[state];
  return (
    <p className={`connection connection--${state}`} role="status">
      <span className="connection-dot" aria-hidden="true" />
      {compact ? <span className="visually-hidden">{text}</span> : text}
    </p>
  );
}
