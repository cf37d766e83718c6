/** @module The mapping board drawn as a map: sections, cards, scales and people, live (react-konva). */
import type Konva from 'konva';
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { Layer, Stage } from 'react-konva';
import { addCard, cardText, deleteCard, listAllCards, setCardVoice } from '../../shared/cards';
import { listScales } from '../../shared/ratings';
import type { SectionId } from '../../shared/sections';
import { announceCardDeleted } from '../board/deleted-notice';
import { PRESENCE_INTERVAL_MS, setPresenceField } from '../board/presence';
import { useDocRevision, useSession } from '../board/session';
import { sentenceStarter } from '../board/starters';
import { usePeerSelection } from '../board/usePeerSelection';
import { layoutBoard } from '../layout/board-layout';
import { edgePanVelocity, limitPan } from '../layout/edge-pan';
import { contains, type Point, type Rect, toWorld } from '../layout/geometry';
import { addButtonAt, cardAt, dropIndicator, sectionAt } from '../layout/hit';
import { chooseLayoutMode } from '../layout/mode';
import { panBy, zoomAt } from '../layout/view';
import { CardEditor } from './CardEditor';
import { CardShape } from './CardShape';
import { CardToolbar } from './CardToolbar';
import { PeerPresence } from './Cursors';
import { DragGhost } from './DragGhost';
import { focusLabel, followedFocus } from './follow';
import { measureCardText } from './measure';
import { ScaleTrack } from './ScaleTrack';
import { SectionShapes } from './SectionShapes';
import { throttle } from './throttle';
import { fitInsets, MAX_SCALE, useBoardView } from './useBoardView';
import { useCardDrag } from './useCardDrag';
import { useCardEditing } from './useCardEditing';
import { useFrames } from './useFrames';
import { type GestureHandlers, usePointerGestures } from './usePointerGestures';
import { useStable, useStableEach } from './useStable';
import { useStageSize } from './useStageSize';
import { ViewControls } from './ViewControls';
import { cardWriters, writersKey } from './writers';

/** One wheel notch or zoom button press. */
const ZOOM_STEP = 1.2;

interface Props {
  /** Go where the facilitator points (SPEC §2 facilitator focus). */
  follow: boolean;
  /** The viewer link on a projector: the whole map, no editing or view controls. */
  projector: boolean;
}

export function BoardCanvas({ follow, projector }: Props) {
  const { doc, awareness, writable, me, messages: m, language } = useSession();
  const canEdit = writable && me !== null && !projector;
  const containerRef = useRef<HTMLDivElement>(null);
  const stageRef = useRef<Konva.Stage>(null);
  const scalesLayerRef = useRef<Konva.Layer>(null);
  const size = useStageSize(containerRef);
  const mode = chooseLayoutMode(size, { projector, padding: fitInsets('wide', projector) });

  const revision = useDocRevision(doc);
  // biome-ignore lint/correctness/useExhaustiveDependencies: revision says the doc changed
  const cards = useMemo(() => listAllCards(doc), [doc, revision]);
  // Each scale keeps its object while its ratings are unchanged: typing in a card leaves the
  // scales layer alone.
  const scales = useStableEach(
    // biome-ignore lint/correctness/useExhaustiveDependencies: revision says the doc changed
    useMemo(() => listScales(doc, language), [doc, revision, language]),
    (scale) => JSON.stringify(scale),
  );
  const scaleIdList = useMemo(() => scales.map((scale) => scale.id), [scales]);
  const scaleIds = useStable(scaleIdList, scaleIdList.join('\n'));
  const layout = useMemo(
    () => layoutBoard({ cards, scales: scaleIds }, { mode, measure: measureCardText }),
    [cards, scaleIds, mode],
  );
  // Keyed once per layout, not on every pan or zoom frame.
  const sceneryKey = useMemo(() => JSON.stringify([layout.columns, layout.sections]), [layout]);
  const scenery = useStable({ columns: layout.columns, sections: layout.sections }, sceneryKey);
  /** Section and column headers: a card's toolbar keeps them in sight. */
  const headers = useMemo<Rect[]>(
    () => [
      ...scenery.columns.map((column) => column.header),
      ...scenery.sections.map((section) => section.header),
    ],
    [scenery],
  );

  const writers = usePeerSelection(awareness, cardWriters, writersKey);
  const facilitatorFocus = usePeerSelection(awareness, followedFocus, (focus) => focus ?? '');
  const focus = follow ? facilitatorFocus : undefined;

  const [selected, setSelected] = useState<string | null>(null);
  const editing = useCardEditing(doc, awareness, (id) => layout.cardById.has(id));
  const dragging = useCardDrag(doc, awareness, layout);
  const busy = editing.editing !== null || dragging.drag !== null;
  const { view, moveBy, fitBoard, minScale } = useBoardView(layout, size, {
    projector,
    focus,
    busy,
  });
  /** Where the pointer holding a card is (screen px), for panning at the map's edge. */
  const dragPointer = useRef<Point | null>(null);
  const selectedCard = selected === null ? undefined : layout.cardById.get(selected);
  const draggedCard =
    dragging.drag === null ? undefined : layout.cardById.get(dragging.drag.cardId);

  const sendCursor = useMemo(
    () =>
      throttle<Point>(PRESENCE_INTERVAL_MS, (cursor) =>
        setPresenceField(awareness, 'cursor', cursor),
      ),
    [awareness],
  );
  useEffect(
    () => () => {
      sendCursor.cancel();
      setPresenceField(awareness, 'cursor', undefined);
    },
    [awareness, sendCursor],
  );

  // Browser tests find shapes on the stage (`#card-<id>`) through the container element.
  useEffect(() => {
    const container = containerRef.current;
    if (container !== null) Object.assign(container, { __stage: stageRef.current });
  });

  const addCardIn = (section: SectionId) => {
    if (!canEdit || me === null) return;
    const id = addCard(doc, { section, author: me.id, text: '' });
    setSelected(id);
    editing.start(id, true);
  };

  /** Done typing. A card just added goes out of selection too: no toolbar over its neighbours. */
  const stopEditing = () => {
    if (editing.editing?.created) setSelected(null);
    editing.stop();
  };

  // A card held near the map's edge pans the map, so it can go to a section out of sight.
  useFrames(dragging.drag !== null, (seconds) => {
    const pointer = dragPointer.current;
    if (pointer === null || view === null) return;
    const velocity = edgePanVelocity(pointer, size);
    if (velocity.x === 0 && velocity.y === 0) return;
    const room = fitInsets(layout.mode, projector);
    const step = limitPan(
      view,
      velocity.x * seconds,
      velocity.y * seconds,
      layout.bounds,
      size,
      room,
    );
    if (Math.abs(step.x) < 0.01 && Math.abs(step.y) < 0.01) return;
    const next = moveBy((current) => panBy(current, step.x, step.y));
    if (next !== null) dragging.move(toWorld(next, pointer));
  });

  const zoomBy = (factor: number, screen: Point = { x: size.width / 2, y: size.height / 2 }) =>
    moveBy((current) => zoomAt(current, screen, factor, minScale, MAX_SCALE));

  const handlers: GestureHandlers = {
    classify: (screen) => {
      if (scalesLayerRef.current?.getIntersection(screen)) return 'konva';
      if (!canEdit || view === null) return 'pan';
      return cardAt(layout, toWorld(view, screen)) === null ? 'pan' : 'card';
    },
    pan: (dx, dy) => moveBy((current) => panBy(current, dx, dy)),
    pinch: (centre, factor, dx, dy) =>
      moveBy((current) => zoomAt(panBy(current, dx, dy), centre, factor, minScale, MAX_SCALE)),
    dragStart: (screen) => {
      if (view === null) return;
      editing.stop();
      dragPointer.current = screen;
      if (dragging.start(toWorld(view, screen)) !== null) setSelected(null);
    },
    dragMove: (screen) => {
      dragPointer.current = screen;
      if (view !== null) dragging.move(toWorld(view, screen));
    },
    dragEnd: (screen) => {
      dragPointer.current = null;
      dragging.end(screen === null || view === null ? null : toWorld(view, screen));
    },
    tap: (screen, count, pointerType) => {
      if (!canEdit || view === null) return;
      const world = toWorld(view, screen);
      const card = cardAt(layout, world);
      // A tap beside the card being typed in ends the typing (a touch moves no focus to do it).
      if (card?.id !== editing.editing?.id) editing.stop();
      const button = addButtonAt(layout, world);
      if (button !== null) return addCardIn(button.id);
      if (card !== null) {
        setSelected(card.id);
        // Not on touch: there a double tap is easily two taps on two cards, and someone's words
        // land in another person's card. A tap selects; the toolbar's Edit opens the card.
        if (count === 2 && pointerType !== 'touch') editing.start(card.id, false);
        return;
      }
      setSelected(null);
      const section = sectionAt(layout, world);
      if (count === 2 && section !== null && contains(section.body, world)) addCardIn(section.id);
    },
    hover: (screen) => {
      // Only the wide layout's coordinates mean the same spot on everyone's screen.
      if (me === null || view === null || layout.mode !== 'wide' || screen === null) {
        sendCursor.cancel();
        setPresenceField(awareness, 'cursor', undefined);
        return;
      }
      sendCursor(toWorld(view, screen));
    },
    wheel: (screen, event) => {
      const zooms = layout.mode === 'wide' || event.ctrlKey;
      if (!zooms) return moveBy((current) => panBy(current, -event.deltaX, -event.deltaY));
      // Trackpad pinches arrive as small ctrl+wheel deltas; mouse notches as ~100.
      const factor = Math.exp(-event.deltaY * (event.ctrlKey ? 0.01 : 0.0015));
      zoomBy(factor, screen);
    },
  };
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;
  const gestures = usePointerGestures(containerRef, handlersRef, !projector);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter' && canEdit && selectedCard !== undefined) {
      event.preventDefault();
      editing.start(selectedCard.id, false);
    } else if (event.key === 'Escape') {
      setSelected(null);
    } else if ((event.key === '+' || event.key === '=') && !projector) {
      zoomBy(ZOOM_STEP);
    } else if (event.key === '-' && !projector) {
      zoomBy(1 / ZOOM_STEP);
    } else if (event.key === '0' && !projector) {
      fitBoard();
    }
  };

  const editedCard = editing.editing === null ? undefined : layout.cardById.get(editing.editing.id);
  const starterText = editedCard === undefined ? undefined : sentenceStarter(editedCard.section, m);
  const starter =
    starterText === undefined ? undefined : { ...starterText, label: m.cardStarterLabel };
  const selectedSection =
    selectedCard === undefined ? undefined : layout.sectionById.get(selectedCard.section);
  const indicator =
    dragging.drag?.target == null || draggedCard === undefined
      ? null
      : dropIndicator(layout, dragging.drag.target, draggedCard.id);

  return (
    <div
      ref={containerRef}
      className={projector ? 'board-canvas board-canvas--projector' : 'board-canvas'}
      data-testid="board-canvas"
      data-mode={layout.mode}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the map takes keys (Enter edits, +/- zoom)
      tabIndex={0}
      role="application"
      aria-label={m.boardMap}
      onKeyDown={onKeyDown}
      {...gestures}
    >
      {view !== null && (
        <Stage
          ref={stageRef}
          width={size.width}
          height={size.height}
          x={view.x}
          y={view.y}
          scaleX={view.scale}
          scaleY={view.scale}
        >
          <Layer listening={false}>
            <SectionShapes
              columns={scenery.columns}
              sections={scenery.sections}
              language={language}
              showAddButtons={canEdit}
            />
          </Layer>
          <Layer listening={false}>
            {layout.cards.map((card) => (
              <CardShape
                key={card.id}
                card={card}
                childLabel={m.childsOwnWords}
                writer={writers.get(card.id)}
                selected={canEdit && card.id === selected}
                editing={card.id === editing.editing?.id}
                lifted={card.id === dragging.drag?.cardId}
              />
            ))}
          </Layer>
          <Layer ref={scalesLayerRef}>
            {layout.scales.map(({ id, rect }) => {
              const scale = scales.find((candidate) => candidate.id === id);
              return scale === undefined ? null : <ScaleTrack key={id} scale={scale} rect={rect} />;
            })}
          </Layer>
          <Layer listening={false}>
            <PeerPresence awareness={awareness} layout={layout} scale={view.scale} />
            {draggedCard !== undefined && (
              <DragGhost card={draggedCard} ghostRef={dragging.ghostRef} indicator={indicator} />
            )}
          </Layer>
        </Stage>
      )}
      {view !== null && editedCard !== undefined && (
        <CardEditor
          key={editedCard.id}
          card={editedCard}
          text={cardText(doc, editedCard.id) ?? null}
          view={view}
          label={m.cardText}
          starter={starter}
          onClose={stopEditing}
        />
      )}
      {view !== null &&
        canEdit &&
        selectedCard !== undefined &&
        selectedSection !== undefined &&
        editedCard === undefined &&
        dragging.drag === null && (
          <CardToolbar
            card={selectedCard}
            section={selectedSection.rect}
            headers={headers}
            view={view}
            viewport={size}
            messages={m}
            onEdit={() => editing.start(selectedCard.id, false)}
            onToggleChild={() =>
              setCardVoice(doc, selectedCard.id, selectedCard.child ? undefined : 'child')
            }
            onDelete={() => {
              setSelected(null);
              deleteCard(doc, selectedCard.id);
              announceCardDeleted();
              containerRef.current?.focus({ preventScroll: true });
            }}
            onClose={() => {
              setSelected(null);
              containerRef.current?.focus({ preventScroll: true });
            }}
          />
        )}
      {focus !== undefined && (
        <p className="focus-banner" role="status">
          {m.facilitatorShows}: <strong>{focusLabel(focus, scales, language)}</strong>
        </p>
      )}
      {!projector && (
        <ViewControls
          messages={m}
          onFit={fitBoard}
          onZoomIn={() => zoomBy(ZOOM_STEP)}
          onZoomOut={() => zoomBy(1 / ZOOM_STEP)}
        />
      )}
    </div>
  );
}
