/** @module "Changes since": what is different on the board now from a saved version, grouped, in the family's words. */
import { type ReactNode, useEffect, useId, useMemo, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { type BoardChanges, type CardRef, changesBetween, hasChanges } from '../../shared/changes';
import { type BoardExport, exportBoardJson } from '../../shared/export';
import type { Language } from '../../shared/language';
import { formatScaleValue } from '../../shared/scales';
import { type SectionId, sectionLabel } from '../../shared/sections';
import type { VersionInfo } from '../../shared/version';
import { fetchBoardExport } from '../api';
import { useDocRevision } from '../board/session';
import type { Messages } from '../i18n';
import { formatSavedAt } from './format';
import { LoadFailed } from './LoadFailed';

interface Props {
  boardId: string;
  token: string;
  /** The live board: the comparison follows it while the view is open. */
  doc: Y.Doc;
  version: VersionInfo;
  language: Language;
  messages: Messages;
  onBack: () => void;
}

type Load = { status: 'loading' } | { status: 'failed' } | { status: 'ready'; board: BoardExport };

export function VersionChanges({
  boardId,
  token,
  doc,
  version,
  language,
  messages: m,
  onBack,
}: Props) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  // A failed load is tried again on request, without leaving this view.
  const [attempt, setAttempt] = useState(0);
  const revision = useDocRevision(doc);

  useEffect(() => headingRef.current?.focus(), []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new attempt fetches again
  useEffect(() => {
    let current = true;
    setLoad({ status: 'loading' });
    void fetchBoardExport(boardId, token, version.id).then((result) => {
      if (current)
        setLoad(result.ok ? { status: 'ready', board: result.value } : { status: 'failed' });
    });
    return () => {
      current = false;
    };
  }, [boardId, token, version.id, attempt]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: revision says the doc changed
  const changes = useMemo(() => {
    if (load.status !== 'ready') return null;
    return changesBetween(
      load.board,
      exportBoardJson(doc, { id: boardId, exportedAt: Date.now() }),
    );
  }, [load, doc, boardId, revision]);

  return (
    <section className="history-changes">
      <div className="history-changes-head">
        <button type="button" className="button--quiet history-back" onClick={onBack}>
          <span aria-hidden="true">←</span>
          {m.historyAllVersions}
        </button>
        <h3 ref={headingRef} tabIndex={-1}>
          {m.historyChangesHeading(version.label)}
        </h3>
        <p className="hint">
          {m.historySavedAt(formatSavedAt(version.createdAt, language))}. {m.historyChangesNote}
        </p>
      </div>
      {load.status === 'loading' && <p className="hint">{m.historyVersionLoading}</p>}
      {load.status === 'failed' && (
        <LoadFailed
          text={m.historyVersionFailed}
          tryAgain={m.tryAgain}
          onTryAgain={() => setAttempt((n) => n + 1)}
        />
      )}
      {changes !== null && <ChangeGroups changes={changes} language={language} messages={m} />}
    </section>
  );
}

interface GroupsProps {
  changes: BoardChanges;
  language: Language;
  messages: Messages;
}

function ChangeGroups({ changes, language, messages: m }: GroupsProps) {
  if (!hasChanges(changes)) return <p className="history-no-changes">{m.historyNoChanges}</p>;
  const section = (id: SectionId) => sectionLabel(id, language);
  return (
    <div className="history-change-groups">
      <ChangeGroup title={m.historyAdded} count={changes.added.length} kind="added">
        {changes.added.map((card) => (
          <li key={card.id}>
            <p className="history-where">{section(card.section)}</p>
            <CardWords card={card} messages={m} />
          </li>
        ))}
      </ChangeGroup>
      <ChangeGroup title={m.historyRemoved} count={changes.removed.length} kind="removed">
        {changes.removed.map((card) => (
          <li key={card.id}>
            <p className="history-where">{section(card.section)}</p>
            <CardWords card={card} messages={m} />
          </li>
        ))}
      </ChangeGroup>
      <ChangeGroup title={m.historyMoved} count={changes.moved.length} kind="moved">
        {changes.moved.map(({ card, from, to }) => (
          <li key={card.id}>
            <p className="history-where">
              {m.historyFrom} <strong>{section(from)}</strong> <span aria-hidden="true">→</span>{' '}
              {m.historyTo.toLowerCase()} <strong>{section(to)}</strong>
            </p>
            <CardWords card={card} messages={m} />
          </li>
        ))}
      </ChangeGroup>
      <ChangeGroup title={m.historyEdited} count={changes.edited.length} kind="edited">
        {changes.edited.map(({ card, before }) => (
          <li key={card.id}>
            <p className="history-where">{section(card.section)}</p>
            <p className="history-label">{m.historyBefore}</p>
            <CardWords card={{ ...card, text: before }} messages={m} quiet />
            <p className="history-label">{m.historyNow}</p>
            <CardWords card={card} messages={m} />
          </li>
        ))}
      </ChangeGroup>
      <ChangeGroup title={m.historyRatings} count={changes.ratings.length} kind="ratings">
        {changes.ratings.map((rating) => (
          <li key={`${rating.scaleId} ${rating.participant}`} className="history-rating">
            <span className="history-rating-who">
              <strong>{rating.name}</strong> · {rating.scaleLabel}
            </span>
            <span className="history-rating-values">
              {value(rating.before, language, m)} <span aria-hidden="true">→</span>
              <span className="visually-hidden"> {m.historyTo.toLowerCase()} </span>{' '}
              <strong>{value(rating.after, language, m)}</strong>
            </span>
          </li>
        ))}
      </ChangeGroup>
    </div>
  );
}

function ChangeGroup(props: { title: string; count: number; kind: string; children: ReactNode }) {
  const headingId = useId();
  if (props.count === 0) return null;
  return (
    <section className={`history-group history-group--${props.kind}`} aria-labelledby={headingId}>
      <h4 id={headingId}>
        {props.title} <span className="history-count">({props.count})</span>
      </h4>
      <ul>{props.children}</ul>
    </section>
  );
}

/** The card's words exactly as written; the child's own words say so in words, not colour alone. */
function CardWords({
  card,
  messages: m,
  quiet = false,
}: {
  card: CardRef;
  messages: Messages;
  quiet?: boolean;
}) {
  const child = card.voice === 'child';
  const classes = [
    'history-card',
    child ? 'history-card--child' : '',
    quiet ? 'history-card--before' : '',
  ];
  return (
    <div className={classes.filter(Boolean).join(' ')}>
      {child && <p className="history-card-voice">{m.childsOwnWords}</p>}
      {card.text === '' ? (
        <p className="history-card-empty">{m.listEmptyCard}</p>
      ) : (
        <p className="history-card-text">{card.text}</p>
      )}
    </div>
  );
}

function value(rating: number | undefined, language: Language, m: Messages): string {
  return rating === undefined ? m.historyNoMarker : formatScaleValue(rating, language);
}
