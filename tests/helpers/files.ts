/** @module Test helper: which files of a directory hold some text (erasure checks). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Names of the files directly in `dir` whose bytes contain `marker` or either half of it (a
 * value split across two pages or two stored updates still shows up by one of its halves).
 */
export function filesContaining(dir: string, marker: string): string[] {
  const half = Math.floor(marker.length / 2);
  const needles = [marker, marker.slice(0, half), marker.slice(half)].map((text) =>
    Buffer.from(text),
  );
  return readdirSync(dir).filter((name) => {
    const path = join(dir, name);
    if (!statSync(path).isFile()) return false;
    const bytes = readFileSync(path);
    return needles.some((needle) => bytes.includes(needle));
  });
}
