/** @module A named version of a board: a snapshot the facilitator saved (SPEC §4.1). */

/** A named version of a board (SPEC §4.1). */
export interface VersionInfo {
  id: string;
  label: string;
  createdAt: number;
}

export const MAX_VERSION_LABEL_LENGTH = 120;
