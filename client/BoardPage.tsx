/** @module `/b/:boardId#k=…`: checks the link with the server, then shows the live board. */
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import type { Language } from '../shared/language';
import { type BoardInfo, fetchBoardInfo } from './api';
import { forgetBoard, recallBoard, rememberBoard } from './board/known-boards';
import { browserLanguage, messagesFor } from './i18n';
import { MessagePage } from './MessagePage';

// The board (canvas, Yjs, the editor) is most of the code: the start page does without it, and a
// board page starts fetching it while the link is being checked.
const loadBoardScreen = () => import('./board/BoardScreen');
const BoardScreen = lazy(() =>
  loadBoardScreen().then((module) => ({ default: module.BoardScreen })),
);

interface Props {
  boardId: string;
  token: string | null;
}

type Check =
  | { state: 'checking' }
  | { state: 'valid'; info: BoardInfo; token: string }
  | { state: 'not-valid' }
  | { state: 'failed' };

export function BoardPage({ boardId, token }: Props) {
  const [check, setCheck] = useState<Check>({ state: 'checking' });
  // Until the board says otherwise, speak the browser's language.
  const language: Language = browserLanguage();
  const m = messagesFor(language);

  useEffect(() => {
    void loadBoardScreen();
  }, []);

  const load = useCallback(async () => {
    if (token === null) return setCheck({ state: 'not-valid' });
    setCheck({ state: 'checking' });
    const result = await fetchBoardInfo(boardId, token);
    if (result.ok) {
      setCheck({ state: 'valid', info: result.value, token });
      await rememberBoard(result.value, token);
    } else if (result.status === 401 || result.status === 404) {
      forgetBoard(boardId, result.status === 404 ? 'board-gone' : 'link-refused', token);
      setCheck({ state: 'not-valid' });
    } else {
      // No answer (offline, server down): a board opened before with this link still opens.
      const remembered = await recallBoard(boardId, token);
      setCheck(remembered ? { state: 'valid', info: remembered, token } : { state: 'failed' });
    }
  }, [boardId, token]);

  useEffect(() => {
    void load();
  }, [load]);

  switch (check.state) {
    case 'checking':
      return <MessagePage language={language} text={m.loadingBoard} busy />;
    case 'not-valid':
      return <MessagePage language={language} text={m.linkNotValid} />;
    case 'failed':
      return (
        <MessagePage language={language} text={m.loadFailed}>
          <button type="button" onClick={() => void load()}>
            {m.tryAgain}
          </button>
        </MessagePage>
      );
    case 'valid':
      return (
        <Suspense fallback={<MessagePage language={language} text={m.loadingBoard} busy />}>
          <BoardScreen info={check.info} token={check.token} />
        </Suspense>
      );
  }
}
