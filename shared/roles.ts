/** @module Link roles (what a link may do) and participant roles (who a person is). */
export const LINK_ROLES = ['facilitator', 'participant', 'viewer'] as const;
export type LinkRole = (typeof LINK_ROLES)[number];

export function isLinkRole(value: unknown): value is LinkRole {
  return typeof value === 'string' && (LINK_ROLES as readonly string[]).includes(value);
}

/** Roles that may change the board document. */
export function canWrite(role: LinkRole): boolean {
  return role !== 'viewer';
}

export const PARTICIPANT_ROLES = ['family', 'child', 'network', 'worker', 'other'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export function isParticipantRole(value: unknown): value is ParticipantRole {
  return typeof value === 'string' && (PARTICIPANT_ROLES as readonly string[]).includes(value);
}
