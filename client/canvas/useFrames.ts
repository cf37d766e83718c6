/** @module Calls back once per display frame while `active`, with the seconds since the last one. */
import { useEffect, useRef } from 'react';

/** A frame's time step is capped: after a stall (a background tab) nothing leaps. */
const MAX_STEP_S = 0.05;

export function useFrames(active: boolean, onFrame: (seconds: number) => void): void {
  const callback = useRef(onFrame);
  callback.current = onFrame;
  useEffect(() => {
    if (!active) return;
    let last = performance.now();
    let id = 0;
    const step = (now: number) => {
      const seconds = Math.min(MAX_STEP_S, Math.max(0, (now - last) / 1000));
      last = now;
      callback.current(seconds);
      id = requestAnimationFrame(step);
    };
    id = requestAnimationFrame(step);
    return () => cancelAnimationFrame(id);
  }, [active]);
}
