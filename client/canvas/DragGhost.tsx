/** @module The card I am dragging, following my pointer, and the bar where it would land. */
import type Konva from 'konva';
import type { RefObject } from 'react';
import { Group, Rect, Text } from 'react-konva';
import { CARD_FONT_FAMILY, type CardLayout } from '../layout/board-layout';
import type { Rect as Area } from '../layout/geometry';
import { ACTION, CARD_FILL, CHILD_FILL, INK } from './theme';

interface Props {
  card: CardLayout;
  /**
   * The ghost is moved by the canvas straight on the Konva node, every pointer move, without a
   * React render: only this small layer redraws while a card is dragged.
   */
  ghostRef: RefObject<Konva.Group | null>;
  indicator: Area | null;
}

export function DragGhost({ card, ghostRef, indicator }: Props) {
  const { rect, textBox } = card;
  return (
    <>
      {indicator !== null && <Rect {...indicator} fill={ACTION} cornerRadius={3} />}
      <Group ref={ghostRef} x={rect.x} y={rect.y} opacity={0.9}>
        <Rect
          width={rect.width}
          height={rect.height}
          fill={card.child ? CHILD_FILL : CARD_FILL}
          stroke={ACTION}
          strokeWidth={3}
          cornerRadius={4}
          perfectDrawEnabled={false}
        />
        <Text
          x={textBox.x - rect.x}
          y={textBox.y - rect.y}
          width={textBox.width}
          text={card.lines.join('\n')}
          fontFamily={CARD_FONT_FAMILY}
          fontSize={card.fontSize}
          lineHeight={card.lineHeight / card.fontSize}
          fill={INK}
          wrap="none"
          perfectDrawEnabled={false}
        />
      </Group>
    </>
  );
}
