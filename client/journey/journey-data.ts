/** @module Fetches the saved versions' exports that a scale journey is drawn from, oldest first. */
import type { JourneyInput } from '../../shared/journey';
import type { VersionInfo } from '../../shared/version';
import { type ApiResult, fetchBoardExport } from '../api';

/** Each version as a journey stop; fails as a whole when any version cannot be fetched. */
export async function loadVersionStops(
  boardId: string,
  token: string,
  versions: readonly VersionInfo[],
): Promise<ApiResult<JourneyInput[]>> {
  const exports = await Promise.all(
    versions.map((version) => fetchBoardExport(boardId, token, version.id)),
  );
  const stops: JourneyInput[] = [];
  for (const [index, result] of exports.entries()) {
    const version = versions[index];
    if (!result.ok) return result;
    if (version === undefined) continue;
    stops.push({
      label: version.label,
      at: version.createdAt,
      current: false,
      board: result.value,
    });
  }
  return { ok: true, value: stops };
}
