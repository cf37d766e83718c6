/** @module One card on the canvas: a sticky note, or a speech bubble for the child's own words. */
import type { Context } from 'konva/lib/Context';
import type { Shape as KonvaShape } from 'konva/lib/Shape';
import { memo } from 'react';
import { Group, Label, Rect, Shape, Tag, Text } from 'react-konva';
import {
  CARD_FONT_FAMILY,
  type CardLayout,
  CHILD_LABEL_HEIGHT,
  CHILD_TAIL_HEIGHT,
} from '../layout/board-layout';
import { ACTION, CARD_FILL, CARD_LINE, CHILD_FILL, CHILD_LINE, INK } from './theme';

/** Someone else typing in this card: drawn as an outline in their colour, with their name. */
export interface CardWriter {
  name: string;
  color: string;
}

interface Props {
  card: CardLayout;
  childLabel: string;
  writer?: CardWriter | undefined;
  selected: boolean;
  /** Being typed in on this screen: the editor shows the text, so the canvas leaves it out. */
  editing: boolean;
  /** Being dragged on this screen: a ghost follows the pointer, the original stays faint. */
  lifted: boolean;
}

function CardShapeView({ card, childLabel, writer, selected, editing, lifted }: Props) {
  const { rect, textBox } = card;
  const stroke = writer?.color ?? (selected ? ACTION : card.child ? CHILD_LINE : CARD_LINE);
  const strokeWidth = writer !== undefined || selected ? 4 : card.child ? 2 : 1;
  return (
    <Group
      id={`card-${card.id}`}
      name="card"
      x={rect.x}
      y={rect.y}
      opacity={lifted ? 0.35 : 1}
      listening={false}
    >
      {card.child ? (
        <Shape
          width={rect.width}
          height={rect.height}
          sceneFunc={drawBubble}
          fill={CHILD_FILL}
          stroke={stroke}
          strokeWidth={strokeWidth}
          perfectDrawEnabled={false}
        />
      ) : (
        <Rect
          width={rect.width}
          height={rect.height}
          fill={CARD_FILL}
          stroke={stroke}
          strokeWidth={strokeWidth}
          cornerRadius={4}
          perfectDrawEnabled={false}
        />
      )}
      {card.child && (
        <Text
          x={textBox.x - rect.x}
          y={textBox.y - rect.y - CHILD_LABEL_HEIGHT}
          width={textBox.width}
          text={childLabel}
          fontFamily={CARD_FONT_FAMILY}
          fontSize={14}
          fontStyle="italic bold"
          fill={CHILD_LINE}
          wrap="none"
          ellipsis
          perfectDrawEnabled={false}
        />
      )}
      {!editing && (
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
      )}
      {writer !== undefined && <WriterTag writer={writer} />}
    </Group>
  );
}

function WriterTag({ writer }: { writer: CardWriter }) {
  return (
    <Label y={-26}>
      <Tag fill={writer.color} cornerRadius={4} />
      <Text
        text={writer.name}
        fontFamily={CARD_FONT_FAMILY}
        fontSize={15}
        fill="#ffffff"
        padding={5}
        perfectDrawEnabled={false}
      />
    </Label>
  );
}

/** A rounded bubble with a tail at the bottom left: the child's words, in their voice. */
function drawBubble(context: Context, shape: KonvaShape): void {
  const width = shape.width();
  const height = shape.height() - CHILD_TAIL_HEIGHT;
  const r = 14;
  const tailX = 28;
  context.beginPath();
  context.moveTo(r, 0);
  context.lineTo(width - r, 0);
  context.quadraticCurveTo(width, 0, width, r);
  context.lineTo(width, height - r);
  context.quadraticCurveTo(width, height, width - r, height);
  context.lineTo(tailX + 18, height);
  context.lineTo(tailX - 6, height + CHILD_TAIL_HEIGHT);
  context.lineTo(tailX + 4, height);
  context.lineTo(r, height);
  context.quadraticCurveTo(0, height, 0, height - r);
  context.lineTo(0, r);
  context.quadraticCurveTo(0, 0, r, 0);
  context.closePath();
  context.fillStrokeShape(shape);
}

/**
 * Re-draws a card only when what it shows changed. The layout is computed afresh on every update,
 * but a card's lines come from the wrap cache, so unchanged text keeps the same array.
 */
function sameCard(before: Props, after: Props): boolean {
  const a = before.card;
  const b = after.card;
  return (
    a.id === b.id &&
    a.lines === b.lines &&
    a.child === b.child &&
    a.fontSize === b.fontSize &&
    a.rect.x === b.rect.x &&
    a.rect.y === b.rect.y &&
    a.rect.width === b.rect.width &&
    a.rect.height === b.rect.height &&
    before.childLabel === after.childLabel &&
    before.writer?.name === after.writer?.name &&
    before.writer?.color === after.writer?.color &&
    before.selected === after.selected &&
    before.editing === after.editing &&
    before.lifted === after.lifted
  );
}

export const CardShape = memo(CardShapeView, sameCard);
