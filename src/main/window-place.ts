/**
 * Where the dashboard window was: its size and position (the normal bounds, kept while maximized)
 * and whether it was maximized, saved as the user moves it and restored when it opens again — but
 * only where it can still be reached. A display unplugged since, or a resolution lowered, would
 * otherwise open it off screen; then it opens at its default size, centred, as on first use.
 * Plain logic (no electron import): src/main/window.ts applies it.
 */
import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowPlace {
  bounds: Rect;
  maximized: boolean;
}

const coordinate = z.number().int().min(-100_000).max(100_000);
const size = z.number().int().min(1).max(100_000);
const PlaceSchema = z.object({
  bounds: z.object({ x: coordinate, y: coordinate, width: size, height: size }),
  maximized: z.boolean(),
});

/** How much of the window's top strip (its title bar) must lie in one work area for it to be reachable. */
const MIN_VISIBLE_WIDTH = 160;
const TITLE_STRIP = 32;

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * The saved place (anything read back from the store) if the window can open there on displays with
 * these work areas: its size at least `min` and at most the work area holding its title bar, that
 * title bar on screen. Null when nothing usable was saved: the window opens at its defaults.
 */
export function usablePlace(saved: unknown, workAreas: readonly Rect[], min: { width: number; height: number }): WindowPlace | null {
  const parsed = PlaceSchema.safeParse(saved);
  if (!parsed.success) return null;
  const { bounds, maximized } = parsed.data;
  const strip: Rect = { x: bounds.x, y: bounds.y, width: bounds.width, height: TITLE_STRIP };
  for (const area of workAreas) {
    const seen = overlap(strip, area);
    // The title bar's top edge must be inside the area (not above it), and enough of it to grab.
    if (bounds.y < area.y || bounds.y >= area.y + area.height - TITLE_STRIP / 2) continue;
    if (seen.width < Math.min(MIN_VISIBLE_WIDTH, bounds.width) || seen.height < TITLE_STRIP / 2) continue;
    // Larger than the display it is on now (a lower resolution): as large as the display, at its corner.
    const width = Math.max(min.width, Math.min(bounds.width, area.width));
    const height = Math.max(min.height, Math.min(bounds.height, area.height));
    const x = width < bounds.width ? area.x : bounds.x;
    const y = height < bounds.height ? area.y : bounds.y;
    return { bounds: { x, y, width, height }, maximized };
  }
  return null;
}
