/** @module Says whether this page is live with the others, so nobody mistakes offline for saved-for-all. */
import type { ConnectionState } from './hooks/useBoardDoc';
import type { Messages } from './i18n';

interface Props {
  /** `refused`: the server closed the connection for good for a reason other than the link. */
  state: ConnectionState | 'refused';
  messages: Messages;
}

export function ConnectionBadge({ state, messages: m }: Props) {
  const text = {
    connecting: m.connecting,
    connected: m.connected,
    offline: m.offline,
    refused: m.connectionRefused,
  }[state];
  return (
    <p className={`connection connection--${state}`} role="status">
      <span className="connection-dot" aria-hidden="true" />
      {text}
    </p>
  );
}
