/** @module Which section or scale the facilitator points everyone to, read from presence. */
import type { Language } from '../../shared/language';
import type { ScaleView } from '../../shared/ratings';
import { SECTIONS } from '../../shared/sections';
import type { Peer } from '../board/presence';
import type { BoardLayout } from '../layout/board-layout';
import type { Rect } from '../layout/geometry';

/**
 * The focus of the facilitator who has one; with several facilitators pointing, the one with
 * the lowest client id, so every screen that follows picks the same one.
 */
export function followedFocus(peers: readonly Peer[]): string | undefined {
  let chosen: Peer | undefined;
  for (const peer of peers) {
    if (peer.user.facilitator !== true || peer.focus === undefined) continue;
    if (chosen === undefined || peer.clientId < chosen.clientId) chosen = peer;
  }
  return chosen?.focus;
}

/** The area to show for a focus: a section or a scale; undefined for ids this board lacks. */
export function focusRect(layout: BoardLayout, focus: string): Rect | undefined {
  for (const section of layout.sections) if (section.id === focus) return section.rect;
  return layout.scaleById.get(focus)?.rect;
}

/** What the facilitator points at, in words: a section's label, or a scale's. */
export function focusLabel(
  focus: string,
  scales: readonly ScaleView[],
  language: Language,
): string {
  const section = SECTIONS.find((candidate) => candidate.id === focus);
  if (section !== undefined) return section.label[language];
  return scales.find((scale) => scale.id === focus)?.label ?? focus;
}
