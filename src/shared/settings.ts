/**
 * Settings shared by the collector's config file and the tray app's store (CONTRACT.md).
 * Versioned: `SETTINGS_VERSION` increases with every migration (see src/core/settings/migrations).
 */
import { z } from 'zod';
import { SourceConfigSchema } from './sources';

export const SETTINGS_VERSION = 1;

/** Override or addition of an alert rule, merged over the built-ins by `id`. */
export const AlertRuleOverrideSchema = z.object({
  id: z.string().min(1),
  enabled: z.boolean().optional(),
  metric: z.string().optional(),
  warning: z.number().nullable().optional(),
  critical: z.number().nullable().optional(),
  /** Raise when `raiseN` of the last `raiseM` samples breach. */
  raiseN: z.number().int().min(1).optional(),
  raiseM: z.number().int().min(1).optional(),
  /** Clear after `clearK` consecutive good samples. */
  clearK: z.number().int().min(1).optional(),
  /**
   * Older spelling of a source-down rule's critical threshold (seconds down), honoured where the rule
   * sets no `critical` of its own; other rules ignore it.
   */
  forSec: z.number().min(0).optional(),
  scope: z
    .object({
      sources: z.array(z.string()).optional(),
      queues: z.array(z.string()).optional(),
      agents: z.array(z.string()).optional(),
    })
    .optional(),
});
export type AlertRuleOverride = z.infer<typeof AlertRuleOverrideSchema>;

/** A weekly window: days 0 (Sunday) … 6, local "HH:MM" times; `end` before `start` spans midnight. */
export const QuietWindowSchema = z.object({
  days: z.array(z.number().int().min(0).max(6)).min(1),
  start: z.string().regex(/^\d{2}:\d{2}$/),
  end: z.string().regex(/^\d{2}:\d{2}$/),
});

export const QuietHoursSchema = z
  .object({
    windows: z.array(QuietWindowSchema),
    allowCritical: z.boolean().default(true),
  })
  .nullable();
export type QuietHours = z.infer<typeof QuietHoursSchema>;

export const AlertSettingsSchema = z.object({
  rules: z.array(AlertRuleOverrideSchema).default([]),
  quietHours: QuietHoursSchema.default(null),
  /** Re-notify the same alert at most every N minutes. */
  cooldownMin: z.number().min(0).default(15),
  /** Alerts of one rule raised within N seconds are notified together. */
  groupWindowSec: z.number().min(0).default(10),
  sound: z.object({ warning: z.boolean().default(false), critical: z.boolean().default(true) }).default({
    warning: false,
    critical: true,
  }),
  /** Acknowledgements expire after N hours (null: sticky until recovery). */
  ackExpiryHours: z.number().min(0).nullable().default(null),
  notificationsPaused: z.boolean().default(false),
});
export type AlertSettings = z.infer<typeof AlertSettingsSchema>;

export const LANGUAGES = ['en', 'es', 'fr', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];

export const UiSettingsSchema = z.object({
  language: z.enum(LANGUAGES).nullable().default(null),
  theme: z.enum(['system', 'light', 'dark', 'high-contrast']).default('system'),
});

export const AppSettingsSchema = z.object({
  startAtLogin: z.boolean().default(false),
  hideOnClose: z.boolean().default(true),
  autoUpdate: z.boolean().default(true),
  /** Port of the local webhook receiver in the tray app (0: off). */
  webhookPort: z.number().int().min(0).max(65535).default(0),
});

export const ServerSettingsSchema = z.object({
  accessToken: z.string().min(1).optional(),
  host: z.string().optional(),
  port: z.number().int().min(0).max(65535).optional(),
});

/** The whole settings document (config file of the collector; electron-store of the tray app). */
export const SettingsSchema = z.object({
  version: z.number().int().default(SETTINGS_VERSION),
  sources: z.array(SourceConfigSchema).default([]),
  alerts: AlertSettingsSchema.default(AlertSettingsSchema.parse({})),
  ui: UiSettingsSchema.default(UiSettingsSchema.parse({})),
  app: AppSettingsSchema.default(AppSettingsSchema.parse({})),
  server: ServerSettingsSchema.default({}),
});
export type Settings = z.infer<typeof SettingsSchema>;
export type SettingsInput = z.input<typeof SettingsSchema>;
