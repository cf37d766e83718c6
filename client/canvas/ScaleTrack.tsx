/** @module One 0–10 scale on the canvas: the track, its ends, and everyone's markers, live. */
import { type JSX, useCallback, useMemo, useState } from 'react';
import { Group } from 'react-konva';
import { listParticipants } from '../../shared/participants';
import { type RatingView, type ScaleView, setRating } from '../../shared/ratings';
import { useDocRevision, useSession } from '../board/session';
import type { Rect } from '../layout/geometry';
import { openMarkerNotes } from '../scales/notes-store';
import {
  initials,
  laneY,
  layoutScale,
  MARKER_GAP_PX,
  namesFit,
  stackMarkers,
  valueToX,
} from './scale-geometry';
import { ScaleMarker } from './scale-marker';
import { PLACE_CHIP_ROOM_PX, PlaceMarker } from './scale-place';
import { ScaleScenery } from './scale-scenery';

/** For a participant whose entry is missing or has no usable colour. */
const FALLBACK_COLOR = '#6b6b76';
/** Room a name needs beside its neighbours before every name can show at once. */
const NAME_ROOM_PX = 96;

export function ScaleTrack(props: { scale: ScaleView; rect: Rect }): JSX.Element {
  const { scale, rect } = props;
  const { doc, me, writable, messages } = useSession();
  const revision = useDocRevision(doc);
  // biome-ignore lint/correctness/useExhaustiveDependencies: revision says the doc changed
  const participants = useMemo(
    () => new Map(listParticipants(doc).map((participant) => [participant.id, participant])),
    [doc, revision],
  );
  const [pointed, setPointed] = useState<string | null>(null);

  const layout = layoutScale(rect.width, rect.height);
  const { left, right } = layout.span;
  const myId = writable && me !== null ? me.id : undefined;
  const mine = scale.ratings.find((rating) => rating.participant === myId);
  const placing = myId !== undefined && mine === undefined;

  const placed = useMemo(
    () =>
      scale.ratings.map((rating) => ({
        participant: rating.participant,
        x: valueToX({ left, right }, rating.value),
      })),
    [scale.ratings, left, right],
  );
  const lanes = useMemo(() => stackMarkers(placed, MARKER_GAP_PX, myId), [placed, myId]);
  const laneCount = Math.max(0, ...lanes.values()) + 1;
  const everyNameFits =
    laneCount === 1 &&
    namesFit(
      placed.map((marker) => marker.x),
      NAME_ROOM_PX,
    );

  const scaleId = scale.id;
  const writeMine = useCallback(
    (value: number) => {
      if (me === null) return;
      setRating(doc, scaleId, me.id, { value, name: me.name, role: me.role, at: Date.now() });
    },
    [doc, scaleId, me],
  );
  // Stable across renders so that my marker's memo holds while others' markers move.
  const own = useMemo(
    () => ({ onMove: writeMine, onOpenNotes: () => openMarkerNotes(scaleId) }),
    [writeMine, scaleId],
  );

  // The participant's current name and colour; the rating's own name if they are not listed.
  const colorOf = (id: string) =>
    validColor(participants.get(id)?.color ?? (id === me?.id ? me.color : undefined));
  const nameOf = (rating: RatingView) => participants.get(rating.participant)?.name || rating.name;
  const others = scale.ratings.filter((rating) => rating !== mine);
  const laneOf = (rating: RatingView) => lanes.get(rating.participant) ?? 0;
  const byLaneDescending = (a: RatingView, b: RatingView) => laneOf(b) - laneOf(a);
  return (
    <Group id={`scale-${scale.id}`} x={rect.x} y={rect.y} onMouseLeave={() => setPointed(null)}>
      <ScaleScenery
        width={rect.width}
        height={rect.height}
        reserveRight={placing ? PLACE_CHIP_ROOM_PX : 0}
        label={scale.label}
        low={scale.low}
        high={scale.high}
      />
      {placing && me !== null && (
        <PlaceMarker
          scaleId={scale.id}
          width={rect.width}
          height={rect.height}
          color={validColor(me.color)}
          initials={initials(me.name)}
          hint={messages.placeMyMarker}
          onPlace={writeMine}
        />
      )}
      {/* Higher lanes first, so each stacked marker's initials show above the one below it;
          mine last, so it is always on top for my finger. */}
      {[...others.sort(byLaneDescending), ...(mine ? [mine] : [])].map((rating) => (
        <ScaleMarker
          key={rating.participant}
          scaleId={scale.id}
          participant={rating.participant}
          name={nameOf(rating)}
          initials={initials(nameOf(rating))}
          color={colorOf(rating.participant)}
          value={rating.value}
          y={laneY(laneOf(rating), laneCount, layout)}
          left={left}
          right={right}
          showName={everyNameFits || pointed === rating.participant}
          own={rating === mine ? own : undefined}
          onPoint={setPointed}
        />
      ))}
    </Group>
  );
}

function validColor(color: string | undefined): string {
  return color !== undefined && /^#[0-9a-f]{6}$/i.test(color) ? color : FALLBACK_COLOR;
}
