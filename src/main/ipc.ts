/**
 * The only place that touches ipcMain. Every channel carries CHANNEL_PREFIX; every message must come
 * from the main frame of one of the app's own pages; payloads are validated (the envelope here, the
 * request by the command handler's zod schemas). Errors cross as `{code, message}`, never as stacks.
 */
import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import { BridgeError, CHANNEL_PREFIX } from '../shared/bridge';
import type { CommandHandler } from '../core/commands';
import type { Logger } from '../core/util/logger';
import { redactText } from '../core/util/redact';
import { isAppUrl, type AppPages } from './pages';
import type { RendererEvents } from './events';

export const INVOKE_CHANNEL = `${CHANNEL_PREFIX}invoke`;
export const READY_CHANNEL = `${CHANNEL_PREFIX}ready`;

type SenderEvent = Pick<IpcMainInvokeEvent | IpcMainEvent, 'senderFrame' | 'sender'>;

/** Why a message is refused, or null when its sender is the main frame of an app page. */
export function senderProblem(event: SenderEvent, pages: AppPages): string | null {
  const frame = event.senderFrame;
  if (!frame) return 'the sending frame is gone';
  if (frame.parent !== null) return 'the sender is not the main frame';
  if (!isAppUrl(frame.url, pages)) return 'the sender is not one of the app pages';
  return null;
}

export type InvokeResult = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

/** Registers prefixed channels only and checks every sender before a listener runs. */
export class ValidatedIpc {
  private readonly channels: string[] = [];

  constructor(
    private readonly pages: AppPages,
    private readonly log: Logger,
  ) {}

  private checkChannel(channel: string): void {
    if (!channel.startsWith(CHANNEL_PREFIX)) throw new Error(`IPC channel "${channel}" must start with "${CHANNEL_PREFIX}"`);
  }

  handle(channel: string, fn: (payload: unknown, event: IpcMainInvokeEvent) => Promise<InvokeResult>): void {
    this.checkChannel(channel);
    ipcMain.handle(channel, async (event, payload: unknown): Promise<InvokeResult> => {
      const problem = senderProblem(event, this.pages);
      if (problem) {
        this.log.warn(`refused IPC on ${channel}: ${problem}`);
        return { ok: false, error: { code: 'forbidden', message: `Refused: ${problem}.` } };
      }
      return fn(payload, event);
    });
    this.channels.push(channel);
  }

  on(channel: string, fn: (event: IpcMainEvent, payload: unknown) => void): void {
    this.checkChannel(channel);
    ipcMain.on(channel, (event, payload: unknown) => {
      const problem = senderProblem(event, this.pages);
      if (problem) {
        this.log.warn(`refused IPC on ${channel}: ${problem}`);
        return;
      }
      fn(event, payload);
    });
    this.channels.push(channel);
  }

  dispose(): void {
    for (const channel of this.channels) {
      ipcMain.removeHandler(channel);
      ipcMain.removeAllListeners(channel);
    }
    this.channels.length = 0;
  }
}

const InvokeEnvelope = z.object({ channel: z.string().min(1).max(100), payload: z.unknown() }).strict();

/** Wires the bridge: `cctm:invoke` → command handler, `cctm:ready` → event delivery starts. */
export function registerBridge(ipc: ValidatedIpc, handler: CommandHandler, events: RendererEvents, log: Logger): void {
  ipc.handle(INVOKE_CHANNEL, async (raw) => {
    const envelope = InvokeEnvelope.safeParse(raw);
    if (!envelope.success) return { ok: false, error: { code: 'invalid_request', message: 'Malformed request: expected {channel, payload}.' } };
    try {
      return { ok: true, value: await handler(envelope.data.channel, envelope.data.payload) };
    } catch (e) {
      if (e instanceof BridgeError) return { ok: false, error: e.body(redactText(e.message)) };
      log.error(`command ${envelope.data.channel} failed`, e);
      return { ok: false, error: { code: 'failed', message: redactText(e instanceof Error ? e.message : String(e)) } };
    }
  });
  ipc.on(READY_CHANNEL, (event) => events.markReady(event.sender));
  dropUnvalidatedChannels(log);
}

/**
 * Removes listeners that libraries registered on unprefixed channels (electron-store answers
 * `electron-store-get-data` for renderers that use it; ours never do): nothing unvalidated stays open.
 */
export function dropUnvalidatedChannels(log: Logger): void {
  for (const name of ipcMain.eventNames()) {
    if (typeof name !== 'string' || name.startsWith(CHANNEL_PREFIX)) continue;
    ipcMain.removeAllListeners(name);
    log.info(`closed the unvalidated IPC channel ${String(name)}`);
  }
}
