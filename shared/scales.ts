/** @module The board's 0–10 scales (SPEC §2): ids, bilingual labels and what the ends mean. */
import type { Label, Language } from './language';

export const SCALE_MIN = 0;
export const SCALE_MAX = 10;
export const SCALE_STEP = 0.5;

export const SCALES = [
  {
    id: 'safety',
    label: { en: 'How safe is the child?', sv: 'Grad av trygghet för barnet' },
    low: {
      en: 'we are sure the worries will happen if nothing changes',
      sv: 'vi är säkra på att oron kommer att hända om inget förändras',
    },
    high: {
      en: 'there is enough safety to close the case',
      sv: 'det finns tillräcklig trygghet för att avsluta ärendet',
    },
  },
  {
    id: 'willingness',
    label: { en: 'Willingness to change', sv: 'Vilja' },
    low: { en: 'none', sv: 'ingen' },
    high: { en: 'fully', sv: 'helt' },
  },
  {
    id: 'capacity',
    label: { en: 'Capacity to change', sv: 'Förmåga' },
    low: { en: 'none', sv: 'ingen' },
    high: { en: 'fully', sv: 'helt' },
  },
  {
    id: 'confidence',
    label: { en: 'Confidence it will work', sv: 'Tilltro' },
    low: { en: 'none', sv: 'ingen' },
    high: { en: 'fully', sv: 'helt' },
  },
] as const satisfies readonly { id: string; label: Label; low: Label; high: Label }[];

export type ScaleId = (typeof SCALES)[number]['id'];
export type ScaleDefinition = (typeof SCALES)[number];

const SCALE_IDS: ReadonlySet<string> = new Set(SCALES.map((scale) => scale.id));

export function isScaleId(value: unknown): value is ScaleId {
  return typeof value === 'string' && SCALE_IDS.has(value);
}

/** True for 0, 0.5, 1, … 10 — the only values a rating may hold. */
export function isScaleValue(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    value >= SCALE_MIN &&
    value <= SCALE_MAX &&
    Number.isInteger(value / SCALE_STEP)
  );
}

/** Rounds any number to the nearest allowed scale value (0–10 in 0.5 steps). */
export function snapScaleValue(value: number): number {
  const clamped = Math.min(SCALE_MAX, Math.max(SCALE_MIN, Number.isFinite(value) ? value : 0));
  return Math.round(clamped / SCALE_STEP) * SCALE_STEP;
}

/** A scale value as people write it in the given language: "4.5", "4,5". */
export function formatScaleValue(value: number, language: Language): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(value);
}
