/** @module One 0–10 scale on the canvas: the track, its ends, and everyone's markers, live. */
import Konva from 'konva';
import { type JSX, memo, useCallback, useEffect, useMemo, useState } from 'react';
import { Group } from 'react-konva';
import type * as Y from 'yjs';
import { participantsMap } from '../../shared/board';
import { isHexColor, listParticipants, type ParticipantView } from '../../shared/participants';
import { type RatingView, type ScaleView, setRating } from '../../shared/ratings';
import { formatScaleValue } from '../../shared/scales';
import { useSession } from '../board/session';
import type { Rect } from '../layout/geometry';
import { openMarkerNotes } from '../scales/notes-store';
import {
  initials,
  laneY,
  layoutOwnLabel,
  layoutScale,
  MARKER_GAP_PX,
  MARKER_NAME_FONT_PX,
  MARKER_RADIUS_PX,
  nameOffsetY,
  namesFit,
  stackMarkers,
  valueToX,
} from './scale-geometry';
import { type LegendEntry, ScaleLegend } from './scale-legend';
import { HINT_FONT_PX, ScaleMarker, VALUE_FONT_PX } from './scale-marker';
import {
  GHOST_CONFIRM_FONT_PX,
  PLACE_CHIP_ROOM_PX,
  PLACE_PROMPT_FONT_PX,
  PlaceGhost,
  PlaceMarker,
  placeBand,
} from './scale-place';
import { ScaleScenery } from './scale-scenery';

/** For a participant whose entry is missing or has no usable colour. */
const FALLBACK_COLOR = '#6b6b76';
/** Room a name needs beside its neighbours before every name can show at once. */
const NAME_ROOM_PX = 120;
/** As wide as a marker's name is drawn at most (see scale-marker). */
const NAME_MAX_WIDTH_PX = 150;

interface Props {
  scale: ScaleView;
  rect: Rect;
}

/** Typing in a card or panning the map leaves a scale whose ratings and place are unchanged alone. */
export const ScaleTrack = memo(
  ScaleTrackView,
  (before: Props, after: Props) =>
    before.scale === after.scale &&
    before.rect.x === after.rect.x &&
    before.rect.y === after.rect.y &&
    before.rect.width === after.rect.width &&
    before.rect.height === after.rect.height,
);

function ScaleTrackView(props: Props): JSX.Element {
  const { scale, rect } = props;
  const { doc, me, writable, language, messages } = useSession();
  const participants = useParticipantsById(doc);
  const [pointed, setPointed] = useState<string | null>(null);

  const layout = layoutScale(rect.width, rect.height);
  const { left, right } = layout.span;
  const myId = writable && me !== null ? me.id : undefined;
  const mine = scale.ratings.find((rating) => rating.participant === myId);
  const placing = myId !== undefined && mine === undefined;
  // Where a tap would put my marker, shown only to me until I confirm it (null: no tap yet).
  const [ghost, setGhost] = useState<number | null>(null);
  const dismissGhost = useCallback(() => setGhost(null), []);
  useEffect(() => {
    if (!placing) setGhost(null);
  }, [placing]);

  const placed = useMemo(
    () =>
      scale.ratings.map((rating) => ({
        participant: rating.participant,
        x: valueToX({ left, right }, rating.value),
      })),
    [scale.ratings, left, right],
  );
  // My value beside my marker, and "tap to say why" until I have written why.
  const myValue = mine === undefined ? undefined : formatScaleValue(mine.value, language);
  const myHint = mine !== undefined && mine.why === undefined ? messages.myMarkerHint : null;
  const ownLabel = useMemo(() => {
    if (mine === undefined || myValue === undefined) return undefined;
    const layout = layoutOwnLabel(
      valueToX({ left, right }, mine.value),
      rect.width,
      textWidth(myValue, VALUE_FONT_PX, 'bold'),
      myHint === null ? 0 : textWidth(myHint, HINT_FONT_PX, 'italic'),
      placed.filter((marker) => marker.participant !== myId).map((marker) => marker.x),
    );
    return { value: myValue, hint: myHint, layout };
  }, [mine, myId, myValue, myHint, placed, left, right, rect.width]);
  const lanes = useMemo(
    () => stackMarkers(placed, MARKER_GAP_PX, myId, ownLabel?.layout.reach),
    [placed, myId, ownLabel],
  );
  const laneCount = Math.max(0, ...lanes.values()) + 1;
  // While the "tap the scale" prompt shows, names that would print over it wait for a hover/tap.
  const prompt = useMemo(() => {
    if (!placing) return null;
    const width = textWidth(messages.placeMyMarker, PLACE_PROMPT_FONT_PX, '600');
    const centre = (left + right) / 2;
    const y = placeBand(rect.width, rect.height).y + 4;
    return { from: centre - width / 2, to: centre + width / 2, y };
  }, [placing, messages.placeMyMarker, left, right, rect.width, rect.height]);
  const nameClearOfPrompt = (x: number, name: string) => {
    if (prompt === null) return true;
    const half = Math.min(NAME_MAX_WIDTH_PX, textWidth(name, MARKER_NAME_FONT_PX, '600')) / 2;
    const top = layout.trackY - MARKER_RADIUS_PX - MARKER_NAME_FONT_PX - 4;
    const clearVertically =
      top + MARKER_NAME_FONT_PX <= prompt.y || top >= prompt.y + PLACE_PROMPT_FONT_PX;
    return clearVertically || x + half <= prompt.from || x - half >= prompt.to;
  };
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
  const placeGhost = useCallback(
    (value: number) => {
      setGhost(null);
      writeMine(value);
    },
    [writeMine],
  );

  // The participant's current name and colour; the rating's own name if they are not listed.
  const colorOf = (id: string) =>
    validColor(participants.get(id)?.color ?? (id === me?.id ? me.color : undefined));
  const nameOf = (rating: RatingView) => participants.get(rating.participant)?.name || rating.name;
  const others = scale.ratings.filter((rating) => rating !== mine);
  const laneOf = (rating: RatingView) => lanes.get(rating.participant) ?? 0;
  const byLaneDescending = (a: RatingView, b: RatingView) => laneOf(b) - laneOf(a);
  const legend: LegendEntry[] = scale.ratings.map((rating) => ({
    participant: rating.participant,
    name: nameOf(rating),
    color: colorOf(rating.participant),
    value: formatScaleValue(rating.value, language),
    sortValue: rating.value,
    mine: rating === mine,
  }));
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
          onPick={setGhost}
          onPlace={writeMine}
        />
      )}
      {layout.legend !== null && <ScaleLegend box={layout.legend} entries={legend} />}
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
          showName={
            pointed === rating.participant ||
            (everyNameFits &&
              nameClearOfPrompt(valueToX({ left, right }, rating.value), nameOf(rating)))
          }
          nameY={nameOffsetY(
            laneY(laneOf(rating), laneCount, layout),
            rating === mine ? MARKER_RADIUS_PX + 2 : MARKER_RADIUS_PX,
            layout,
          )}
          own={rating === mine ? own : undefined}
          ownLabel={rating === mine ? ownLabel : undefined}
          onTapThrough={placing && rating !== mine ? setGhost : undefined}
          onPoint={setPointed}
        />
      ))}
      {placing && me !== null && ghost !== null && (
        <PlaceGhost
          scaleId={scale.id}
          width={rect.width}
          height={rect.height}
          color={validColor(me.color)}
          initials={initials(me.name)}
          value={ghost}
          confirm={messages.placeMarkerHere}
          confirmWidth={textWidth(messages.placeMarkerHere, GHOST_CONFIRM_FONT_PX, 'bold')}
          onPlace={placeGhost}
          onDismiss={dismissGhost}
        />
      )}
    </Group>
  );
}

/** A one-line text's width as a Konva Text in its default family draws it. */
function textWidth(text: string, fontSize: number, fontStyle: string): number {
  const probe = new Konva.Text({ text, fontSize, fontStyle, wrap: 'none' });
  const width = probe.width();
  probe.destroy();
  return width;
}

function validColor(color: string | undefined): string {
  return isHexColor(color) ? color : FALLBACK_COLOR;
}

/** Everyone's name and colour by id, read again when a participant changes, not on every edit. */
function useParticipantsById(doc: Y.Doc): ReadonlyMap<string, ParticipantView> {
  const [byId, setById] = useState(() => readParticipantsById(doc));
  useEffect(() => {
    const participants = participantsMap(doc);
    const refresh = () => setById(readParticipantsById(doc));
    refresh();
    participants.observeDeep(refresh);
    return () => participants.unobserveDeep(refresh);
  }, [doc]);
  return byId;
}

function readParticipantsById(doc: Y.Doc): ReadonlyMap<string, ParticipantView> {
  return new Map(listParticipants(doc).map((participant) => [participant.id, participant]));
}
