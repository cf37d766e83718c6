/** @module "Why here?" and "what would move it one step up?" for my marker on one scale. */
import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { listScales, type RatingView, removeRating, setRatingNotes } from '../../shared/ratings';
import { useDocRevision, useSession } from '../board/session';
import { closeMarkerNotes, useOpenMarkerNotes } from './notes-store';

/** Mount once inside the SessionProvider: shows the notes dialog when a marker asks for it. */
export function MarkerNotesHost() {
  const scaleId = useOpenMarkerNotes();
  const { writable, me } = useSession();
  if (scaleId === null || !writable || me === null) return null;
  // Keyed by scale so that opening another scale's notes starts from that rating's words.
  return <MarkerNotesDialog key={scaleId} scaleId={scaleId} participantId={me.id} />;
}

interface Props {
  scaleId: string;
  participantId: string;
}

export function MarkerNotesDialog({ scaleId, participantId }: Props) {
  const { doc, messages: m, language } = useSession();
  const revision = useDocRevision(doc);
  // biome-ignore lint/correctness/useExhaustiveDependencies: revision says the doc changed
  const scale = useMemo(
    () => listScales(doc, language).find((candidate) => candidate.id === scaleId),
    [doc, scaleId, revision, language],
  );
  const rating: RatingView | undefined = scale?.ratings.find(
    (candidate) => candidate.participant === participantId,
  );
  // The words are read once, when the dialog opens: the marker moving meanwhile must not
  // overwrite what I am typing.
  const [why, setWhy] = useState(rating?.why ?? '');
  const [nextStep, setNextStep] = useState(rating?.nextStep ?? '');
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const whyId = useId();
  const nextStepId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog !== null && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (rating !== undefined) setRatingNotes(doc, scaleId, participantId, { why, nextStep });
    closeMarkerNotes();
  }

  function remove() {
    removeRating(doc, scaleId, participantId);
    closeMarkerNotes();
  }

  const value =
    rating === undefined
      ? ''
      : new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(rating.value);
  return (
    <dialog
      ref={dialogRef}
      className="marker-notes"
      aria-labelledby={titleId}
      // Escape and Cancel both close without saving: the words are only kept on Save.
      onCancel={(event) => {
        event.preventDefault();
        closeMarkerNotes();
      }}
    >
      <form method="dialog" onSubmit={save}>
        <h2 id={titleId}>{scale?.label ?? ''}</h2>
        {rating === undefined ? (
          <p role="alert">{m.markerNotesGone}</p>
        ) : (
          <>
            <p className="marker-notes-value">
              {m.markerNotesYourValue}: <strong>{value}</strong>
            </p>
            <label htmlFor={whyId}>{m.markerNotesWhy}</label>
            <textarea
              id={whyId}
              rows={3}
              value={why}
              onChange={(event) => setWhy(event.target.value)}
            />
            <label htmlFor={nextStepId}>{m.markerNotesNextStep}</label>
            <textarea
              id={nextStepId}
              rows={3}
              value={nextStep}
              onChange={(event) => setNextStep(event.target.value)}
            />
          </>
        )}
        <div className="marker-notes-actions">
          {rating !== undefined && (
            <button type="button" className="marker-notes-remove" onClick={remove}>
              {m.removeMyMarker}
            </button>
          )}
          <button type="button" className="button--quiet" onClick={closeMarkerNotes}>
            {m.markerNotesCancel}
          </button>
          {rating !== undefined && <button type="submit">{m.markerNotesSave}</button>}
        </div>
      </form>
    </dialog>
  );
}
