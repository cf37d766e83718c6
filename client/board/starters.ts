/** @module The guided sentence starters SPEC §2 asks for: danger statements and safety goals. */
import type { SectionId } from '../../shared/sections';
import type { Messages } from '../i18n';

export interface SentenceStarter {
  /** The start of the sentence, shown in the empty field. */
  starter: string;
  /** What the sentence should say, shown under the field and read with it. */
  hint: string;
}

/** The starter for a section's new cards; undefined where people write freely. */
export function sentenceStarter(section: SectionId, m: Messages): SentenceStarter | undefined {
  switch (section) {
    case 'danger-statements':
      return { starter: m.listDangerStatementStarter, hint: m.listDangerStatementHint };
    case 'safety-goals':
      return { starter: m.listSafetyGoalStarter, hint: m.listSafetyGoalHint };
    default:
      return undefined;
  }
}
