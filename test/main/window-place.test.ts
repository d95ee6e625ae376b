import { describe, expect, it } from 'vitest';
import { usablePlace } from '../../src/main/window-place';

const MIN = { width: 720, height: 480 };
const primary = { x: 0, y: 0, width: 1920, height: 1040 };
const right = { x: 1920, y: 0, width: 2560, height: 1400 };
const place = (x: number, y: number, width = 1280, height = 800, maximized = false) => ({ bounds: { x, y, width, height }, maximized });

describe('window place', () => {
  it('reopens where the window was, maximized or not', () => {
    expect(usablePlace(place(300, 120), [primary], MIN)).toEqual(place(300, 120));
    expect(usablePlace(place(2200, 60, 1600, 1000, true), [primary, right], MIN)).toEqual(place(2200, 60, 1600, 1000, true));
  });

  it('opens at the defaults when nothing usable was saved', () => {
    for (const saved of [undefined, null, 'x', {}, { bounds: { x: 1, y: 2 }, maximized: false }, place(Number.NaN, 0), place(10, 10, -5, 600), { ...place(0, 0), maximized: 'yes' }]) {
      expect(usablePlace(saved, [primary], MIN), JSON.stringify(saved)).toBeNull();
    }
  });

  it('opens at the defaults when the display it was on is gone, or only a sliver of its title bar would show', () => {
    expect(usablePlace(place(2200, 60), [primary], MIN)).toBeNull(); // second display unplugged
    expect(usablePlace(place(1850, 100), [primary], MIN)).toBeNull(); // 70 px of title bar on screen
    expect(usablePlace(place(-1200, 100), [primary], MIN)).toBeNull(); // 80 px of title bar on screen
    expect(usablePlace(place(300, -40), [primary], MIN)).toBeNull(); // title bar above the screen
    expect(usablePlace(place(300, 1030), [primary], MIN)).toBeNull(); // title bar below the work area
  });

  it('keeps a window partly off screen when enough of its title bar can be grabbed', () => {
    expect(usablePlace(place(-1000, 100), [primary], MIN)).toEqual(place(-1000, 100));
    expect(usablePlace(place(1700, 500), [primary], MIN)).toEqual(place(1700, 500));
  });

  it('fits a window larger than its display now (a lower resolution) to the display, and never below the smallest size', () => {
    expect(usablePlace(place(100, 50, 2400, 1300), [primary], MIN)).toEqual(place(0, 0, 1920, 1040));
    expect(usablePlace(place(100, 50, 300, 200), [primary], MIN)).toEqual(place(100, 50, 720, 480));
  });
});
