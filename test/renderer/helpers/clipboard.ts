/** A Clipboard API for the page that records what it writes, and a Copy button's text read back. */
import { expect, vi } from 'vitest';
import { fireEvent, waitFor, type within } from '@testing-library/react';

export interface FakeClipboard {
  writeText: ReturnType<typeof vi.fn<(text: string) => Promise<void>>>;
  /** Takes the API away again (happy-dom's own comes back). */
  restore(): void;
}

export function fakeClipboard(): FakeClipboard {
  const writeText = vi.fn(async (_text: string) => undefined);
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
  return { writeText, restore: () => Reflect.deleteProperty(navigator, 'clipboard') };
}

/** Clicks the Copy button named `name` in `scope` and answers the lines it put on the clipboard. */
export async function copiedLines(scope: ReturnType<typeof within>, name: string, clipboard: FakeClipboard): Promise<string[]> {
  const before = clipboard.writeText.mock.calls.length;
  fireEvent.click(scope.getByRole('button', { name }));
  await waitFor(() => expect(clipboard.writeText.mock.calls.length).toBe(before + 1));
  return clipboard.writeText.mock.calls.at(-1)![0].split('\n');
}
