/** Thresholds of the built-in rules (warning / critical, on/off), saved as rule overrides. */
import { type FormEvent } from 'react';
import { useDraft } from './draft';
import { useClient } from '../../bridge/react';
import { useI18n } from '../../i18n/context';
import { useSettings } from '../../app/settings';
import { BUILTIN_RULES } from '../../lib/rules';
import { DEFAULT_CLEAR_K, MAX_CLEAR_K, MAX_RAISE_M, checkRow, checkWindow, mergeOverrides, rowsFrom, sampled, type RuleRow } from './thresholds-model';
import { SaveBar, useSaver } from './SaveBar';
import { ClearCell, RaiseCell, RuleNote, ThresholdCells } from './ThresholdCells';

export function ThresholdsForm({ editable }: { editable: boolean }) {
  const { t, lang } = useI18n();
  const client = useClient();
  const settings = useSettings();
  const overrides = settings.view?.alerts.rules ?? [];
  const saver = useSaver();
  // The section's own rows say when it changed: not another section's save, nor an exception's (the same rules).
  const savedRows = rowsFrom(overrides, lang);
  const draft = useDraft<RuleRow[]>('thresholds', () => savedRows, JSON.stringify(savedRows), lang);
  const rows = draft.value;
  const setRows = draft.set;
  // A rule without sampling boxes (a source down) keeps what the file says there, unchecked: the reader could not mend it.
  const errors = rows.map((r) => checkRow(r, lang) ?? (sampled(r.id) ? checkWindow(r) : null));
  const set = (i: number, patch: Partial<RuleRow>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (errors.some(Boolean)) return;
    void saver.run(draft.saving(async () => settings.set(await client.invoke('settings:update', { alerts: { rules: mergeOverrides(overrides, rows, lang) } }))));
  };
  return (
    <form onSubmit={submit} aria-labelledby="th-title" className="settings-section" noValidate>
      <h3 id="th-title">{t('settings.thresholds')}</h3>
      <fieldset disabled={!editable}>
        <table className="grid thresholds">
          <thead>
            <tr>
              <th scope="col">{t('settings.rule')}</th>
              <th scope="col">{t('settings.enabled')}</th>
              <th scope="col">{t('level.warning')}</th>
              <th scope="col">{t('level.critical')}</th>
              <th scope="col">{t('settings.raiseAfter')}</th>
              <th scope="col">{t('settings.clearAfter')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => {
              const unit = t(`unitName.${BUILTIN_RULES[i]!.unit}`);
              const label = t(`rule.${r.id}`);
              const err = errors[i];
              return (
                <tr key={r.id}>
                  <th scope="row">
                    {label}
                    <RuleNote unit={unit} error={err} errorId={`th-err-${i}`} row={r} />
                  </th>
                  <ThresholdCells rule={label} row={r} error={err} errorId={`th-err-${i}`} onChange={(patch) => set(i, patch)} />
                  <RaiseCell rule={label} row={r} applies={sampled(r.id)} error={err} errorId={`th-err-${i}`} onChange={(patch) => set(i, patch)} />
                  <ClearCell rule={label} row={r} applies={sampled(r.id)} error={err} errorId={`th-err-${i}`} onChange={(patch) => set(i, patch)} />
                </tr>
              );
            })}
          </tbody>
        </table>
        <p className="muted small">
          {t('settings.thresholdsHelp')} {t('settings.raiseHelp', { max: MAX_RAISE_M })} {t('settings.clearHelp', { max: MAX_CLEAR_K, k: DEFAULT_CLEAR_K })}
        </p>
      </fieldset>
      <SaveBar saver={saver} editable={editable} draft={draft} invalid={errors.some(Boolean)} onReset={() => setRows(rowsFrom([], lang))} resetLabel={t('settings.resetDefaults')} />
    </form>
  );
}
