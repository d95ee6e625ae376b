/** One rule's threshold boxes in a settings table: what is wrong with them, the on/off box, warning and critical. */
import { useI18n } from '../../i18n/context';
import { DEFAULT_CLEAR_K, groupedBox, type RowError } from './thresholds-model';
import { FieldErrorText } from '../../components/FieldErrorText';

/**
 * The rule's unit after its name, and what is wrong with its boxes (referenced by them as `errorId`);
 * `row`: its threshold boxes, to say which number to type without a thousands separator.
 */
export function RuleNote({ unit, error, errorId, row }: { unit: string; error: RowError | null; errorId: string; row: { warning: string; critical: string } }) {
  const { t, lang } = useI18n();
  const grouped = error === 'grouping' ? groupedBox(row, lang) : null;
  return (
    <>
      {' '}
      <span className="muted small">({unit})</span>
      {error && (
        <>
          {' '}
          <FieldErrorText id={errorId}>{error === 'grouping' ? t('settings.groupingError', grouped ?? { plain: '', typed: '' }) : t(`settings.thresholdError.${error}`)}</FieldErrorText>
        </>
      )}
    </>
  );
}

export interface ThresholdBoxes {
  enabled: boolean;
  warning: string;
  critical: string;
}

/**
 * The on/off, warning and critical cells of a row; `rule` names the row to screen readers. `error` is
 * the row's: these boxes are marked for a threshold's, not for the raise window's (RaiseCell's).
 */
export function ThresholdCells({ rule, row, error, errorId, onChange }: { rule: string; row: ThresholdBoxes; error: RowError | null; errorId: string; onChange: (patch: Partial<ThresholdBoxes>) => void }) {
  const { t } = useI18n();
  const invalid = error === 'number' || error === 'grouping' || error === 'order';
  return (
    <>
      <td>
        <input type="checkbox" aria-label={t('settings.enableRule', { rule })} checked={row.enabled} onChange={(e) => onChange({ enabled: e.target.checked })} />
      </td>
      {(['warning', 'critical'] as const).map((level) => (
        <td key={level}>
          <input
            className="short"
            inputMode="decimal"
            aria-label={t('settings.levelOf', { level: t(`level.${level}`), rule })}
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? errorId : undefined}
            value={row[level]}
            onChange={(e) => onChange({ [level]: e.target.value })}
          />
        </td>
      ))}
    </>
  );
}

/** A cell with no box for this rule: a dash, and why to screen readers. */
function NoneCell({ why }: { why: string }) {
  return (
    <td>
      <span aria-hidden="true">–</span>
      <span className="sr-only">{why}</span>
    </td>
  );
}

export interface RaiseBoxes {
  raiseN: string;
  raiseM: string;
}

/**
 * "Raise after N of M samples": two boxes, empty for the engine's default (2 of 3, 1 of 1 for slow
 * polls); a rule raised by how long a state lasts (a source down) has none. `error` is the row's: the
 * boxes are marked for a window that cannot be.
 */
export function RaiseCell({ rule, row, applies, error, errorId, onChange }: { rule: string; row: RaiseBoxes; applies: boolean; error: RowError | null; errorId: string; onChange: (patch: Partial<RaiseBoxes>) => void }) {
  const { t } = useI18n();
  const invalid = error === 'window';
  if (!applies) return <NoneCell why={t('settings.raiseNone')} />;
  const box = (field: keyof RaiseBoxes, label: string) => (
    <input
      className="tiny"
      inputMode="numeric"
      placeholder={t('settings.raiseAuto')}
      aria-label={label}
      aria-invalid={invalid || undefined}
      aria-describedby={invalid ? errorId : undefined}
      value={row[field]}
      onChange={(e) => onChange({ [field]: e.target.value })}
    />
  );
  return (
    <td className="raise">
      {box('raiseN', t('settings.raiseN', { rule }))} {t('settings.raiseOf')} {box('raiseM', t('settings.raiseM', { rule }))}
    </td>
  );
}

/**
 * "Clear after K good samples": one box, empty for the engine's default (2); a rule raised by how
 * long a state lasts (a source down) clears when the state ends, and has none.
 */
export function ClearCell({ rule, row, applies, error, errorId, onChange }: { rule: string; row: { clearK: string }; applies: boolean; error: RowError | null; errorId: string; onChange: (patch: { clearK: string }) => void }) {
  const { t } = useI18n();
  const invalid = error === 'clear';
  if (!applies) return <NoneCell why={t('settings.clearNone')} />;
  return (
    <td className="clear">
      <input
        className="tiny"
        inputMode="numeric"
        placeholder={String(DEFAULT_CLEAR_K)}
        aria-label={t('settings.clearK', { rule })}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? errorId : undefined}
        value={row.clearK}
        onChange={(e) => onChange({ clearK: e.target.value })}
      />
    </td>
  );
}
