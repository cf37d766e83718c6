/** @module My own marker on one scale as an ARIA slider, with "why here?" once it is placed. */
import { type KeyboardEvent, type MouseEvent, useId } from 'react';
import { type RatingView, setRating } from '../../shared/ratings';
import { SCALE_MAX, SCALE_MIN, snapScaleValue } from '../../shared/scales';
import { useSession } from '../board/session';
import { scaleValueText } from './list-text';
import { RatingNotesFields } from './RatingNotesFields';
import { scaleValueAfterKey, UNPLACED_START } from './scale-keys';

interface Props {
  scaleId: string;
  label: string;
  /** My rating on this scale; undefined until I place my marker. */
  rating: RatingView | undefined;
}

export function ScaleSlider({ scaleId, label, rating }: Props) {
  const { doc, me, language, messages: m } = useSession();
  const hintId = useId();
  if (me === null) return null;
  const participant = me;
  const value = rating?.value;
  const valueText = scaleValueText(value, language, {
    outOf: m.listOutOf,
    notPlaced: m.listNotPlaced,
  });

  function place(next: number) {
    if (next === value) return;
    setRating(doc, scaleId, participant.id, {
      value: next,
      name: participant.name,
      role: participant.role,
      at: Date.now(),
    });
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const next = scaleValueAfterKey(event.key, value);
    if (next === undefined) return;
    // The keys would otherwise scroll the page.
    event.preventDefault();
    place(next);
  }

  // For pointers: a click on the track puts the marker there.
  function onClick(event: MouseEvent<HTMLDivElement>) {
    const box = event.currentTarget.getBoundingClientRect();
    if (box.width === 0) return;
    const share = (event.clientX - box.left) / box.width;
    place(snapScaleValue(SCALE_MIN + share * (SCALE_MAX - SCALE_MIN)));
  }

  const percent = ((value ?? UNPLACED_START) / SCALE_MAX) * 100;
  return (
    <div className="list-my-marker">
      <div
        role="slider"
        tabIndex={0}
        className={`list-slider${value === undefined ? ' list-slider--unplaced' : ''}`}
        aria-label={`${m.listYourPosition} ${label}`}
        aria-valuemin={SCALE_MIN}
        aria-valuemax={SCALE_MAX}
        // ARIA's default for a slider without a value is the middle, where the first key starts.
        aria-valuenow={value ?? UNPLACED_START}
        aria-valuetext={valueText}
        aria-describedby={hintId}
        onKeyDown={onKeyDown}
        onClick={onClick}
      >
        <span className="list-slider-track" aria-hidden="true">
          <span
            className="list-slider-thumb"
            style={{ left: `${percent}%`, background: value === undefined ? undefined : me.color }}
          />
        </span>
      </div>
      <p className="list-slider-value" aria-hidden="true">
        {m.listYourPosition} {valueText}
      </p>
      {/* Keys for a keyboard, a tap for a finger, each shown only where it applies (styles.css).
          Screen readers get the keys as the slider's description, hidden or not. */}
      <p id={hintId} className="hint list-slider-hint--keys">
        {m.listSliderHint}
      </p>
      <p className="hint list-slider-hint--touch" aria-hidden="true">
        {m.listSliderTouchHint}
      </p>
      {rating !== undefined && (
        <RatingNotesFields scaleId={scaleId} participantId={participant.id} rating={rating} />
      )}
    </div>
  );
}
