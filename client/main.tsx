/** @module Browser entry: picks the page from the address and mounts it. */
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BoardPage } from './BoardPage';
import { HomePage } from './HomePage';
import { routeOf } from './location';
import './styles.css';

// The print view is opened on its own, in a new tab: neither other page needs its code.
const PrintPage = lazy(() =>
  import('./record/PrintPage').then((module) => ({ default: module.PrintPage })),
);

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');

const route = routeOf(window.location.pathname, window.location.hash);
// Pasting another link to the same board only changes the fragment, which loads no new page.
window.addEventListener('hashchange', () => window.location.reload());

createRoot(root).render(
  <StrictMode>
    {route.page === 'board' ? (
      <BoardPage boardId={route.boardId} token={route.token} />
    ) : route.page === 'print' ? (
      <Suspense fallback={null}>
        <PrintPage boardId={route.boardId} token={route.token} versionId={route.versionId} />
      </Suspense>
    ) : (
      <HomePage />
    )}
  </StrictMode>,
);
