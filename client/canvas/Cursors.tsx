/** @module Other people on the map: their cursors and the cards they are dragging (wide layout). */
import { memo } from 'react';
import { Group, Label, Line, Rect, Tag, Text } from 'react-konva';
import type { Awareness } from 'y-protocols/awareness';
import type { Peer } from '../board/presence';
import { usePeers } from '../board/session';
import { type BoardLayout, CARD_FONT_FAMILY } from '../layout/board-layout';

interface Props {
  awareness: Awareness;
  layout: BoardLayout;
  /** Screen pixels per world pixel: tags keep one size on screen whatever the zoom. */
  scale: number;
}

/**
 * Presence arrives in the wide layout's coordinates; a narrow (phone) layout has other
 * coordinates, so it shows neither cursors nor drag ghosts.
 */
export const PeerPresence = memo(function PeerPresence({ awareness, layout, scale }: Props) {
  const peers = usePeers(awareness);
  if (layout.mode !== 'wide') return null;
  const others = peers.filter((peer) => !peer.self);
  return (
    <>
      {others.map((peer) => (
        <PeerDragGhost key={`drag-${peer.clientId}`} peer={peer} layout={layout} scale={scale} />
      ))}
      {others.map((peer) => (
        <PeerCursor key={`cursor-${peer.clientId}`} peer={peer} scale={scale} />
      ))}
    </>
  );
});

function PeerCursor({ peer, scale }: { peer: Peer; scale: number }) {
  if (peer.cursor === undefined) return null;
  const size = 1 / scale;
  return (
    <Group x={peer.cursor.x} y={peer.cursor.y} scaleX={size} scaleY={size}>
      <Line
        points={[0, 0, 0, 20, 5, 15, 9, 24, 13, 22, 9, 14, 16, 14]}
        closed
        fill={peer.user.color}
        stroke="#ffffff"
        strokeWidth={1.5}
        perfectDrawEnabled={false}
      />
      <NameTag name={peer.user.name} color={peer.user.color} x={14} y={22} />
    </Group>
  );
}

function PeerDragGhost({
  peer,
  layout,
  scale,
}: {
  peer: Peer;
  layout: BoardLayout;
  scale: number;
}) {
  if (peer.drag === undefined) return null;
  const card = layout.cardById.get(peer.drag.card);
  if (card === undefined) return null;
  return (
    <Group id={`drag-ghost-${card.id}`} x={peer.drag.x} y={peer.drag.y}>
      <Rect
        width={card.rect.width}
        height={card.rect.height}
        fill={peer.user.color}
        opacity={0.25}
        stroke={peer.user.color}
        strokeWidth={3}
        cornerRadius={4}
        perfectDrawEnabled={false}
      />
      <Group scaleX={1 / scale} scaleY={1 / scale}>
        <NameTag name={peer.user.name} color={peer.user.color} x={0} y={-26} />
      </Group>
    </Group>
  );
}

function NameTag(props: { name: string; color: string; x: number; y: number }) {
  return (
    <Label x={props.x} y={props.y}>
      <Tag fill={props.color} cornerRadius={4} />
      <Text
        text={props.name}
        fontFamily={CARD_FONT_FAMILY}
        fontSize={13}
        fill="#ffffff"
        padding={4}
        perfectDrawEnabled={false}
      />
    </Label>
  );
}
