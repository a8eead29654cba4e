// One recogniser for the lane area: a tap, a long press, a one-finger drag (pan), and a two-finger pinch
// (zoom around the fingers). Pointer events cover touch, pen and mouse alike.

/** Movement below this is still a tap (fingers wobble). */
const TAP_SLOP_PX = 10;
/** Held this long without moving: a long press. */
export const LONG_PRESS_MS = 550;

export interface GestureHandlers {
  tap(target: Element, x: number, y: number): void;
  longPress(target: Element, x: number, y: number): void;
  /** A press started on `target` (for feedback while a long press builds up). */
  pressStart?(target: Element): void;
  pressEnd?(): void;
  pan(dx: number, dy: number): void;
  /** Zoom by `factor` around x (px from the surface's left edge). */
  pinch(anchorX: number, factor: number, dx: number): void;
}

interface TrackedPointer {
  x: number;
  y: number;
}

export function attachGestures(surface: HTMLElement, handlers: GestureHandlers): () => void {
  const pointers = new Map<number, TrackedPointer>();
  let mode: 'idle' | 'press' | 'pan' | 'pinch' | 'done' = 'idle';
  let origin = { x: 0, y: 0 };
  let pressTarget: Element | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const local = (event: PointerEvent) => {
    const box = surface.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  };
  const clearTimer = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  const endPress = () => {
    clearTimer();
    if (pressTarget) handlers.pressEnd?.();
    pressTarget = null;
  };
  const pair = () => [...pointers.values()] as [TrackedPointer, TrackedPointer];

  const down = (event: PointerEvent) => {
    if (event.button !== 0) return;
    surface.setPointerCapture(event.pointerId);
    pointers.set(event.pointerId, local(event));
    if (pointers.size === 1) {
      mode = 'press';
      origin = local(event);
      pressTarget = event.target instanceof Element ? event.target : null;
      if (pressTarget) handlers.pressStart?.(pressTarget);
      timer = setTimeout(() => {
        if (mode !== 'press' || !pressTarget) return;
        mode = 'done';
        const target = pressTarget;
        endPress();
        handlers.longPress(target, origin.x, origin.y);
      }, LONG_PRESS_MS);
    } else if (pointers.size === 2) {
      endPress();
      mode = 'pinch';
    }
  };

  const move = (event: PointerEvent) => {
    const previous = pointers.get(event.pointerId);
    if (!previous) return;
    const next = local(event);
    if (mode === 'pinch' && pointers.size === 2) {
      const [a, b] = pair();
      const before = { distance: Math.hypot(a.x - b.x, a.y - b.y), middle: (a.x + b.x) / 2 };
      pointers.set(event.pointerId, next);
      const [c, d] = pair();
      const after = { distance: Math.hypot(c.x - d.x, c.y - d.y), middle: (c.x + d.x) / 2 };
      if (before.distance > 0 && after.distance > 0) {
        handlers.pinch(after.middle, after.distance / before.distance, after.middle - before.middle);
      }
      return;
    }
    pointers.set(event.pointerId, next);
    if (mode === 'press' && Math.hypot(next.x - origin.x, next.y - origin.y) > TAP_SLOP_PX) {
      endPress();
      mode = 'pan';
      handlers.pan(next.x - origin.x, next.y - origin.y);
      return;
    }
    if (mode === 'pan') handlers.pan(next.x - previous.x, next.y - previous.y);
  };

  const up = (event: PointerEvent) => {
    if (!pointers.delete(event.pointerId)) return;
    if (mode === 'press' && event.type === 'pointerup' && pressTarget) {
      const target = pressTarget;
      endPress();
      handlers.tap(target, origin.x, origin.y);
    } else {
      endPress();
    }
    // Lifting one finger of a pinch leaves a pan that starts where the other finger is.
    mode = pointers.size === 0 ? 'idle' : mode === 'pinch' ? 'pan' : mode;
  };

  surface.addEventListener('pointerdown', down);
  surface.addEventListener('pointermove', move);
  surface.addEventListener('pointerup', up);
  surface.addEventListener('pointercancel', up);
  return () => {
    clearTimer();
    surface.removeEventListener('pointerdown', down);
    surface.removeEventListener('pointermove', move);
    surface.removeEventListener('pointerup', up);
    surface.removeEventListener('pointercancel', up);
  };
}
