/**
 * Idle reset: after `seconds` without a touch, click, key or wheel the kiosk returns to its home
 * screen; the last WARNING_S seconds show a countdown that any touch cancels.
 */
import { useEffect, useRef, useState } from 'react';

const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

export function warningSeconds(idleSeconds: number): number {
  return Math.max(3, Math.min(15, Math.floor(idleSeconds / 3)));
}

/** Idle seconds from the page address (`?idle=120`, set by `plandesk serve --kiosk --idle`); 120 otherwise. */
export function idleSecondsFromUrl(search: string = window.location.search): number {
  const value = Number(new URLSearchParams(search).get('idle'));
  return Number.isInteger(value) && value >= 5 && value <= 3600 ? value : 120;
}

/** Seconds left before the reset while the warning shows, else null. Calls `onReset` when time is up. */
export function useIdleReset(seconds: number, onReset: () => void): number | null {
  const [left, setLeft] = useState<number | null>(null);
  const lastActivity = useRef(Date.now());
  const reset = useRef(onReset);
  reset.current = onReset;
  useEffect(() => {
    const touched = () => {
      lastActivity.current = Date.now();
      setLeft(null);
    };
    for (const name of ACTIVITY) window.addEventListener(name, touched, { capture: true, passive: true });
    const warning = warningSeconds(seconds);
    const timer = setInterval(() => {
      const remaining = seconds - Math.floor((Date.now() - lastActivity.current) / 1000);
      if (remaining <= 0) {
        lastActivity.current = Date.now();
        setLeft(null);
        reset.current();
      } else setLeft(remaining <= warning ? remaining : null);
    }, 250);
    return () => {
      clearInterval(timer);
      for (const name of ACTIVITY) window.removeEventListener(name, touched, { capture: true });
    };
  }, [seconds]);
  return left;
}
