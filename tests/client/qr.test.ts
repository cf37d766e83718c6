/** @module The QR drawing: its SVG path, rasterised here, reads back as exactly the link, quiet zone included. */
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { darkModulesPath, QUIET_ZONE_MODULES, qrDrawing } from '../../client/links/qr';

const PIXELS_PER_MODULE = 4;

/** Paints the path's rectangles (`M x y h w v1 h-w z`) black on white, as RGBA. */
function rasterise(size: number, path: string): Uint8ClampedArray {
  const side = size * PIXELS_PER_MODULE;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  for (const [, x, y, width] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let row = 0; row < PIXELS_PER_MODULE; row += 1) {
      for (let column = 0; column < Number(width) * PIXELS_PER_MODULE; column += 1) {
        const px = Number(x) * PIXELS_PER_MODULE + column;
        const py = Number(y) * PIXELS_PER_MODULE + row;
        pixels.fill(0, (py * side + px) * 4, (py * side + px) * 4 + 3);
      }
    }
  }
  return pixels;
}

describe('the QR code of a link', () => {
  it('reads back as exactly the link', () => {
    const link = 'https://samkarta.example/b/V1StGXR8_Z5jdHi6B-myT#k=Xq3hT0pWm9vKc2Lr7sNbYg-_aZ1';
    const { size, path } = qrDrawing(link);
    const side = size * PIXELS_PER_MODULE;
    expect(jsQR(rasterise(size, path), side, side)?.data).toBe(link);
  });

  it('keeps four modules of white around the code', () => {
    const { size, path } = qrDrawing('https://samkarta.example/b/x#k=y');
    const starts = [...path.matchAll(/M(\d+) (\d+)h(\d+)/g)].map(([, x, y, w]) => ({
      x: Number(x),
      y: Number(y),
      end: Number(x) + Number(w),
    }));
    expect(Math.min(...starts.map((run) => run.x))).toBe(QUIET_ZONE_MODULES);
    expect(Math.min(...starts.map((run) => run.y))).toBe(QUIET_ZONE_MODULES);
    expect(Math.max(...starts.map((run) => run.end))).toBe(size - QUIET_ZONE_MODULES);
    expect(Math.max(...starts.map((run) => run.y))).toBe(size - QUIET_ZONE_MODULES - 1);
  });

  it('draws one rectangle per run of dark modules', () => {
    expect(
      darkModulesPath([
        [true, true, false, true],
        [false, false, false, false],
        [false, true, true, true],
      ]),
    ).toBe('M0 0h2v1h-2zM3 0h1v1h-1zM1 2h3v1h-3z');
  });
});
