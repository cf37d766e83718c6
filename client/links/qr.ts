/** @module A link as a QR code: its dark modules as one SVG path, black on white with a quiet zone. */
import { encode } from 'uqr';

/** The white margin the QR standard asks for, in modules: phones find the code by it. */
export const QUIET_ZONE_MODULES = 4;

export interface QrDrawing {
  /** Width and height in modules, quiet zone included. */
  size: number;
  /** The dark modules, one rectangle per horizontal run, in module units. */
  path: string;
}

/** Medium error correction: still reads with a glare spot on a projected image. */
export function qrDrawing(text: string): QrDrawing {
  const { size, data } = encode(text, { ecc: 'M', border: QUIET_ZONE_MODULES });
  return { size, path: darkModulesPath(data) };
}

/** Runs of dark modules become rectangles, so a phone's screen draws them without seams. */
export function darkModulesPath(rows: readonly (readonly boolean[])[]): string {
  const parts: string[] = [];
  rows.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x += 1;
        continue;
      }
      const start = x;
      while (x < row.length && row[x]) x += 1;
      parts.push(`M${start} ${y}h${x - start}v1h${start - x}z`);
    }
  });
  return parts.join('');
}
