/** @module "Why here?" and "what would move it one step up?" under my marker in the list view. */
import { useEffect, useId, useRef, useState } from 'react';
import { type RatingNotes, type RatingView, setRatingNotes } from '../../shared/ratings';
import { useSession } from '../board/session';

/** Typing pauses this long before the words go to the others; leaving the field sends at once. */
const NOTES_SAVE_DELAY_MS = 600;

interface Props {
  scaleId: string;
  participantId: string;
  rating: RatingView;
}

export function RatingNotesFields({ scaleId, participantId, rating }: Props) {
  const { messages: m } = useSession();
  return (
    <div className="list-rating-notes">
      <NoteField
        scaleId={scaleId}
        participantId={participantId}
        field="why"
        label={m.listWhyHere}
        saved={rating.why ?? ''}
      />
      <NoteField
        scaleId={scaleId}
        participantId={participantId}
        field="nextStep"
        label={m.listNextStepUp}
        saved={rating.nextStep ?? ''}
      />
    </div>
  );
}

interface NoteFieldProps {
  scaleId: string;
  participantId: string;
  field: keyof RatingNotes;
  label: string;
  /** The words as the board has them now. */
  saved: string;
}

function NoteField({ scaleId, participantId, field, label, saved }: NoteFieldProps) {
  const { doc } = useSession();
  const [words, setWords] = useState(saved);
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pending = useRef<string | undefined>(undefined);
  const fieldId = useId();

  // Words changed elsewhere (my other device, the canvas) show here, unless I am typing.
  useEffect(() => {
    if (fieldRef.current?.ownerDocument.activeElement !== fieldRef.current) setWords(saved);
  }, [saved]);

  // Only this one field is written, so the other note is never overwritten with stale words.
  const flush = useRef(() => {});
  flush.current = () => {
    clearTimeout(timer.current);
    const text = pending.current;
    pending.current = undefined;
    if (text === undefined) return;
    try {
      setRatingNotes(doc, scaleId, participantId, { [field]: text });
    } catch {
      // The marker was taken off meanwhile: there is nothing left to write the words on.
    }
  };
  useEffect(() => () => flush.current(), []);

  return (
    <div className="list-note">
      <label htmlFor={fieldId}>{label}</label>
      <textarea
        id={fieldId}
        ref={fieldRef}
        rows={2}
        value={words}
        onChange={(event) => {
          setWords(event.target.value);
          pending.current = event.target.value;
          clearTimeout(timer.current);
          timer.current = setTimeout(() => flush.current(), NOTES_SAVE_DELAY_MS);
        }}
        onBlur={() => flush.current()}
      />
    </div>
  );
}
