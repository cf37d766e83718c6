import { describe, expect, it } from 'vitest';
import type { Peer } from '../../client/board/presence';
import { focusLabel, focusRect, followedFocus } from '../../client/canvas/follow';
import { layoutBoard } from '../../client/layout/board-layout';

function peer(clientId: number, facilitator: boolean, focus?: string, self = false): Peer {
  const user = {
    id: `p${clientId}`,
    name: `P${clientId}`,
    role: 'worker' as const,
    color: '#123456',
  };
  return {
    clientId,
    self,
    user: facilitator ? { ...user, facilitator: true } : user,
    ...(focus === undefined ? {} : { focus }),
  };
}

describe('followedFocus', () => {
  it("follows the facilitator's focus and nobody else's", () => {
    expect(followedFocus([peer(1, false, 'strengths'), peer(2, true, 'safety')])).toBe('safety');
    expect(followedFocus([peer(1, false, 'strengths')])).toBeUndefined();
  });

  it('is undefined when the facilitator points nowhere', () => {
    expect(followedFocus([peer(2, true)])).toBeUndefined();
    expect(followedFocus([])).toBeUndefined();
  });

  it('picks the same facilitator on every screen when two point', () => {
    const peers = [peer(9, true, 'next-steps'), peer(3, true, 'past-harm'), peer(5, true)];
    expect(followedFocus(peers)).toBe('past-harm');
    expect(followedFocus([...peers].reverse())).toBe('past-harm');
  });
});

describe('focusRect', () => {
  const layout = layoutBoard(
    { cards: [], scales: ['safety'] },
    { mode: 'wide', measure: (text) => text.length * 10 },
  );

  it('finds sections and scales, and nothing for unknown ids', () => {
    expect(focusRect(layout, 'strengths')).toEqual(layout.sectionById.get('strengths')?.rect);
    expect(focusRect(layout, 'safety')).toEqual(layout.scaleById.get('safety')?.rect);
    expect(focusRect(layout, 'capacity')).toBeUndefined();
  });
});

describe('focusLabel', () => {
  it("names a section in the reader's language, a scale by its label, anything else by its id", () => {
    const scales = [
      { id: 'safety', label: 'How safe is the child?', low: '', high: '', ratings: [] },
    ];
    expect(focusLabel('danger-statements', scales, 'sv')).toBe('Framtida risk');
    expect(focusLabel('danger-statements', scales, 'en')).toBe('Danger statements');
    expect(focusLabel('safety', scales, 'en')).toBe('How safe is the child?');
    expect(focusLabel('from-a-newer-client', scales, 'en')).toBe('from-a-newer-client');
  });
});
