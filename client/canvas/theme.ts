/** @module The canvas's colours, matching styles.css, so the map and the list view look alike. */
import type { ColumnId } from '../../shared/sections';

export const INK = '#1b1b1f';
export const INK_SOFT = '#4a4a55';
export const PAPER = '#f6f5f1';
export const ACTION = '#1a4fa0';
export const CARD_FILL = '#fff7c7';
export const CARD_LINE = '#d9c86b';
export const CHILD_FILL = '#f1e8fd';
export const CHILD_LINE = '#6d3fb0';

export const COLUMN_COLORS: Readonly<Record<ColumnId, { ink: string; tint: string }>> = {
  worries: { ink: '#a3221b', tint: '#fbeceb' },
  'working-well': { ink: '#1d6a35', tint: '#e7f4eb' },
  needs: { ink: '#1a4fa0', tint: '#e8effb' },
};
