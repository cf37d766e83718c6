/** @module Each person's position on every scale across saved versions: the family's journey. */
import type { BoardExport } from './export';

export interface JourneyStop {
  label: string;
  at: number;
  current: boolean;
}

export interface JourneyLine {
  participant: string;
  name: string;
  role: string;
  /** One per stop; null where the person had no marker on the scale then. */
  values: (number | null)[];
}

export interface ScaleJourney {
  scaleId: string;
  label: string;
  low: string;
  high: string;
  lines: JourneyLine[];
}

export interface JourneyInput {
  label: string;
  at: number;
  current: boolean;
  board: BoardExport;
}

/**
 * The scales across `stops` (oldest first, e.g. the saved versions and then the board now).
 * Scales come in the order of the newest stop that has them, worded as there; one line per person
 * who ever placed a marker on the scale, in order of their first marker; a person is named (and
 * their role given) as they are in the newest stop that knows them.
 */
export function scaleJourneys(stops: JourneyInput[]): {
  stops: JourneyStop[];
  scales: ScaleJourney[];
} {
  const newestFirst = [...stops].reverse();
  const scales: ScaleJourney[] = [];
  const seen = new Set<string>();
  for (const stop of newestFirst) {
    for (const scale of stop.board.scales) {
      if (seen.has(scale.id)) continue;
      seen.add(scale.id);
      const { id, label, low, high } = scale;
      scales.push({ scaleId: id, label, low, high, lines: journeyLines(stops, id) });
    }
  }
  return { stops: stops.map(({ label, at, current }) => ({ label, at, current })), scales };
}

function journeyLines(stops: JourneyInput[], scaleId: string): JourneyLine[] {
  const values = stops.map((stop) => {
    const scale = stop.board.scales.find((each) => each.id === scaleId);
    return new Map(scale?.ratings.map((rating) => [rating.participant, rating.value]));
  });
  const people = new Set(values.flatMap((byPerson) => [...byPerson.keys()]));
  return [...people].map((participant) => ({
    participant,
    ...newestIdentity(stops, scaleId, participant),
    values: values.map((byPerson) => byPerson.get(participant) ?? null),
  }));
}

/** The person's name and role in the newest stop: from its participants, else from their marker. */
function newestIdentity(
  stops: JourneyInput[],
  scaleId: string,
  participant: string,
): { name: string; role: string } {
  for (let index = stops.length - 1; index >= 0; index--) {
    const board = stops[index]?.board;
    const person = board?.participants.find((each) => each.id === participant);
    if (person !== undefined) return { name: person.name, role: person.role };
    const rating = board?.scales
      .find((scale) => scale.id === scaleId)
      ?.ratings.find((each) => each.participant === participant);
    if (rating !== undefined) return { name: rating.name, role: rating.role };
  }
  return { name: '', role: '' };
}
