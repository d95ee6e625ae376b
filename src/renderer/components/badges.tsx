/**
 * States carried by a glyph (shape) and a word as well as by colour, so they read in high contrast,
 * in grey scale and through a screen reader.
 */
import type { AgentState, SourceStatus } from '../../shared/model';
import { useI18n } from '../i18n/context';
import type { Level } from '../lib/rules';

const STATE_GLYPH: Record<AgentState, string> = {
  available: '●',
  ringing: '◔',
  on_call: '■',
  wrap_up: '◆',
  paused: '‖',
  logged_out: '○',
  unknown: '?',
};

/** The word is its own element so that, in a narrow table column, it ends in an ellipsis (its title says it whole). */
export function StateBadge({ state }: { state: AgentState }) {
  const { t } = useI18n();
  const word = t(`state.${state}`);
  return (
    <span className={`badge state-${state}`} title={word}>
      <span className="glyph" aria-hidden="true">
        {STATE_GLYPH[state]}
      </span>
      <span className="label">{word}</span>
    </span>
  );
}

/**
 * A shape for each state of a source, each unlike the others, from the geometric shapes, dingbats
 * and mathematical operators that the system fonts have (DejaVu Sans, Noto Sans Symbols, Segoe UI
 * Symbol, Apple Symbols): a symbol missing from them draws as an empty box, or nothing. Sign-in
 * failed is a circle struck through, "refused".
 */
export const STATUS_GLYPH: Readonly<Record<SourceStatus, string>> = {
  connecting: '◌',
  live: '●',
  degraded: '▲',
  down: '✖',
  auth_failed: '⊘',
  stopped: '■',
};

export function StatusBadge({ status }: { status: SourceStatus }) {
  const { t } = useI18n();
  return (
    <span className={`badge status-${status}`}>
      <span className="glyph" aria-hidden="true">
        {STATUS_GLYPH[status]}
      </span>
      <span className="label">{t(`status.${status}`)}</span>
    </span>
  );
}

const LEVEL_GLYPH: Record<Level, string> = { ok: '', warning: '▲', critical: '✖' };

/** A measured value coloured and marked by its threshold level. */
export function LevelValue({ level, text }: { level: Level | null; text: string | null }) {
  const { t } = useI18n();
  if (text === null) return <span className="muted">–</span>;
  const l = level ?? 'ok';
  return (
    <span className={`lvl lvl-${l}`}>
      {LEVEL_GLYPH[l] && (
        <span className="glyph" aria-hidden="true">
          {LEVEL_GLYPH[l]}
        </span>
      )}
      {text}
      {l !== 'ok' && <span className="sr-only"> ({t(`level.${l}`)})</span>}
    </span>
  );
}

export function SeverityBadge({ severity }: { severity: 'warning' | 'critical' }) {
  const { t } = useI18n();
  return (
    <span className={`badge sev-${severity}`}>
      <span className="glyph" aria-hidden="true">
        {LEVEL_GLYPH[severity]}
      </span>
      {t(`level.${severity}`)}
    </span>
  );
}
