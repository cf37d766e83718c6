/** @module A QR code drawn by React as SVG (no injected markup), scaled to whatever box holds it. */
import { useMemo } from 'react';
import { qrDrawing } from './qr';

interface Props {
  text: string;
  /** What the code holds, for screen readers ("QR code of the participant link"). */
  label: string;
  className?: string;
}

export function QrCode({ text, label, className }: Props) {
  const { size, path } = useMemo(() => qrDrawing(text), [text]);
  return (
    <svg
      className={className}
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={label}
      // Sharp module edges at any scale; blurred ones make phones misread the code.
      shapeRendering="crispEdges"
    >
      <rect width={size} height={size} fill="#ffffff" />
      <path d={path} fill="#000000" />
    </svg>
  );
}
