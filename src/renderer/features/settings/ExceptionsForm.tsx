/**
 * Thresholds for particular queues and agents: a queue or agent picked from the live floor gets its
 * own thresholds for one rule (a rule of its own, see exceptions-model.ts), replacing the general ones.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { useDraft } from './draft';
import { useClient, useTopic } from '../../bridge/react';
import { useI18n } from '../../i18n/context';
import { useSettings } from '../../app/settings';
import { BUILTIN_RULES } from '../../lib/rules';
import { fold } from '../agents/rows';
import { SaveBar, useSaver } from './SaveBar';
import { ClearCell, RaiseCell, RuleNote, ThresholdCells } from './ThresholdCells';
import { checkRow, checkWindow } from './thresholds-model';
import {
  EXCEPTION_METRICS,
  exceptionRows,
  isSourceKey,
  mergeExceptions,
  newRow,
  otherAddedRules,
  subjectKindOf,
  type ExceptionMetric,
  type ExceptionRow,
} from './exceptions-model';

/** Subjects offered at once in the picker; more are reached by typing. */
const PICK_LIMIT = 200;
const BUILTIN_IDS = new Set<string>(BUILTIN_RULES.map((r) => r.id));

export function ExceptionsForm({ editable }: { editable: boolean }) {
  const { t, lang } = useI18n();
  const client = useClient();
  const { store } = client;
  const settings = useSettings();
  const overrides = settings.view?.alerts.rules ?? [];
  // The section's own rows say when it changed: not another section's save, nor a general threshold's (the same rules).
  const savedRows = exceptionRows(overrides, lang);
  const draft = useDraft<ExceptionRow[]>('exceptions', () => savedRows, JSON.stringify(savedRows), lang);
  const rows = draft.value;
  const setRows = draft.set;
  const saver = useSaver();
  const [metric, setMetric] = useState<ExceptionMetric>('queue.waiting');
  const [find, setFind] = useState('');
  const [picked, setPicked] = useState('');
  // Names in the rows follow the floor; the picker's list is built again only when needed (below).
  useTopic('agents');
  useTopic('queues');
  useTopic('sources');

  // The words a subject is listed by, in the rows and in the picker alike.
  const entityLabel = (e: { name: string; sourceId: string }) => `${e.name} · ${store.sources.get(e.sourceId)?.name ?? e.sourceId}`;
  const sourceLabel = (queues: boolean, name: string) => t(queues ? 'exceptions.allQueuesOf' : 'exceptions.allAgentsOf', { source: name });
  /** What a row's key names: a queue or agent with its source, or all of a source's queues or agents. */
  const labelOf = (m: ExceptionMetric, key: string): string | null => {
    const queues = subjectKindOf(m) === 'queue';
    if (isSourceKey(key)) {
      const src = store.sources.get(key);
      return src ? sourceLabel(queues, src.name) : null;
    }
    const e = queues ? store.queues.get(key) : store.agents.get(key);
    return e ? entityLabel(e) : null;
  };
  const nameOf = (r: ExceptionRow) => labelOf(r.metric, r.key) ?? `${r.key} (${t('exceptions.gone')})`;

  // The picker: queues or agents (by the chosen rule) matching the text, by name. Recomputed when
  // the text, the rule or the number of subjects changes, not on every live update of the floor.
  const kind = subjectKindOf(metric);
  const size = (kind === 'queue' ? store.queues.size : store.agents.size) + store.sources.size;
  const candidates = useMemo(() => {
    void size;
    const needle = fold(find.trim());
    const collator = new Intl.Collator(lang);
    const all = kind === 'queue' ? [...store.queues.values()] : [...store.agents.values()];
    const byName = (a: { label: string }, b: { label: string }) => collator.compare(a.label, b.label);
    const matches = (c: { key: string; label: string }) => !needle || fold(c.label).includes(needle) || fold(c.key).includes(needle);
    // Whole sources first ("All agents of Bogotá"), then each queue or agent; only sources that have
    // such subjects (Telphin reports no queues: "All queues of Telphin" would do nothing).
    const having = new Set(all.map((e) => e.sourceId));
    const sources = [...store.sources.values()]
      .filter((src) => having.has(src.id))
      .map((src) => ({ key: src.id, label: sourceLabel(kind === 'queue', src.name) }))
      .filter(matches)
      .sort(byName);
    const list = [
      ...sources,
      ...all
        .map((e) => ({ key: e.key, label: entityLabel(e) }))
        .filter(matches)
        .sort(byName),
    ];
    return { shown: list.slice(0, PICK_LIMIT), more: Math.max(0, list.length - PICK_LIMIT) };
  }, [store, kind, find, lang, size, t]);
  const choice = candidates.shown.some((c) => c.key === picked) ? picked : (candidates.shown[0]?.key ?? '');
  const duplicate = choice !== '' && rows.some((r) => r.metric === metric && r.key === choice);

  const errors = rows.map((r) => checkRow(r, lang) ?? checkWindow(r));
  const set = (i: number, patch: Partial<ExceptionRow>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const add = () => {
    if (!choice || duplicate) return;
    setRows([...rows, newRow(metric, choice, settings.thresholds, lang, overrides)]);
    setFind('');
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (errors.some(Boolean)) return;
    void saver.run(draft.saving(async () => settings.set(await client.invoke('settings:update', { alerts: { rules: mergeExceptions(overrides, rows, lang) } }))));
  };
  const others = otherAddedRules(overrides, BUILTIN_IDS);
  const ruleName = (m: ExceptionMetric) => t(`rule.${m}`);

  return (
    <form onSubmit={submit} aria-labelledby="ex-title" className="settings-section" noValidate>
      <h3 id="ex-title">{t('exceptions.title')}</h3>
      <p className="muted small">{t('exceptions.help')}</p>
      <fieldset disabled={!editable}>
        {rows.length ? (
          <table className="grid thresholds exceptions">
            <thead>
              <tr>
                <th scope="col">{t('exceptions.subject')}</th>
                <th scope="col">{t('exceptions.rule')}</th>
                <th scope="col">{t('settings.enabled')}</th>
                <th scope="col">{t('level.warning')}</th>
                <th scope="col">{t('level.critical')}</th>
                <th scope="col">{t('settings.raiseAfter')}</th>
                <th scope="col">{t('settings.clearAfter')}</th>
                <th scope="col">
                  <span className="sr-only">{t('action.remove')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => {
                const subject = nameOf(r);
                const rule = t('exceptions.ruleOf', { rule: ruleName(r.metric), subject });
                const err = errors[i];
                const unit = t(`unitName.${BUILTIN_RULES.find((d) => d.id === r.metric)!.unit}`);
                return (
                  <tr key={`${r.metric}@${r.key}`}>
                    <th scope="row">{subject}</th>
                    <td className="rule">
                      {ruleName(r.metric)}
                      <RuleNote unit={unit} error={err} errorId={`ex-err-${i}`} row={r} />
                    </td>
                    <ThresholdCells rule={rule} row={r} error={err} errorId={`ex-err-${i}`} onChange={(patch) => set(i, patch)} />
                    <RaiseCell rule={rule} row={r} applies error={err} errorId={`ex-err-${i}`} onChange={(patch) => set(i, patch)} />
                    <ClearCell rule={rule} row={r} applies error={err} errorId={`ex-err-${i}`} onChange={(patch) => set(i, patch)} />
                    <td>
                      <button type="button" aria-label={t('exceptions.remove', { subject, rule: ruleName(r.metric) })} onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                        {t('action.remove')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : (
          <p className="muted">{t('exceptions.none')}</p>
        )}
        <div className="exception-add" role="group" aria-labelledby="ex-add-title">
          <span id="ex-add-title">{t('exceptions.addTitle')}</span>
          <select aria-label={t('exceptions.rule')} value={metric} onChange={(e) => setMetric(e.target.value as ExceptionMetric)}>
              {EXCEPTION_METRICS.map((m) => (
                <option key={m} value={m}>
                  {ruleName(m)}
                </option>
              ))}
          </select>
          <input type="search" aria-label={t('exceptions.find')} placeholder={t('exceptions.find')} value={find} onChange={(e) => setFind(e.target.value)} />
          <select aria-label={t('exceptions.pick')} value={choice} onChange={(e) => setPicked(e.target.value)} disabled={!candidates.shown.length}>
              {candidates.shown.map((c) => (
                <option key={c.key} value={c.key}>
                  {c.label}
                </option>
              ))}
          </select>
          <button type="button" onClick={add} disabled={!choice || duplicate}>
            {t('exceptions.add')}
          </button>
          {candidates.more > 0 && <span className="muted small">{t('exceptions.more', { count: candidates.more })}</span>}
          {!candidates.shown.length && <span className="muted small">{t('exceptions.noMatch')}</span>}
          {duplicate && <span className="muted small">{t('exceptions.duplicate', { subject: labelOf(metric, choice) ?? choice })}</span>}
        </div>
        {others > 0 && <p className="muted small">{t('exceptions.others', { count: others })}</p>}
      </fieldset>
      <SaveBar saver={saver} editable={editable} draft={draft} invalid={errors.some(Boolean)} />
    </form>
  );
}
