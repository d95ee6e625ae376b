/**
 * A start that fails (settings that cannot be opened, an engine that cannot start) must not look like
 * an app that never appeared: the error is logged, shown in a dialog in the system's language (the
 * settings, which hold the chosen one, may be what failed) with where the log is, and the app quits.
 */
import { app, dialog } from 'electron';
import { join } from 'node:path';
import type { Logger } from '../core/util/logger';
import { redactText } from '../core/util/redact';
import { hostMessages } from '../core/i18n/host';
import { matchLanguage } from '../shared/i18n';

export function reportStartupFailure(error: unknown, log: Logger, logDir: string): void {
  log.error('the tray app could not start', error);
  try {
    const m = hostMessages(matchLanguage(app.getLocale()));
    // The dialog is not a log line: redacted here the same way, so no credential ends up on screen.
    const reason = redactText(error instanceof Error ? error.message : String(error));
    dialog.showErrorBox(m.t('startup.failedTitle'), m.t('startup.failedBody', { error: reason, log: join(logDir, 'main.log') }));
  } catch (e) {
    log.error('could not show the startup error', e);
  }
  app.quit();
}
