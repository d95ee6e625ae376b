/** Add or edit one source: validated fields, Test connection with the precise result, Save. */
import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { TestResult } from '../../../shared/bridge';
import type { SourceConfigView } from '../../../shared/sources';
import { canonical } from '../../../shared/canonical';
import { useClient } from '../../bridge/react';
import { relanguaged } from '../../lib/decimal';
import { useOpenedFocus } from '../../components/useOpenedFocus';
import { toCommandError } from '../../bridge/errors';
import { useI18n } from '../../i18n/context';
import { useSettings } from '../../app/settings';
import { FIELDS, fieldShown, type Vendor } from './fields';
import { buildConfig, hostError, initialValues, validate, type FieldError, type FormValues } from './form-model';
import { Field } from './Field';
import { useAfterPress } from './after-press';
import { TestResultView } from './TestResultView';
import { errorText } from '../../i18n/error-text';

export interface SourceFormProps {
  vendor: Vendor;
  existing?: SourceConfigView;
  /** Closed: with the source as saved (its id and name), or nothing when cancelled. */
  onDone: (saved?: { id: string; name: string; added: boolean }) => void;
  /** Start the form again from the source as it is saved now (it was changed elsewhere meanwhile). */
  onRestart?: (stored: SourceConfigView) => void;
}

/**
 * Whether the source being edited was changed or removed elsewhere (another dashboard, an import)
 * since its form was opened: saving then replaces that change, or adds the source again.
 */
export function sourceDrift(existing: SourceConfigView | undefined, sources: readonly SourceConfigView[] | undefined): { kind: 'changed'; stored: SourceConfigView } | { kind: 'removed' } | null {
  if (!existing || !sources) return null;
  const stored = sources.find((s) => s.id === existing.id);
  if (!stored) return { kind: 'removed' };
  return canonical(stored) === canonical(existing) ? null : { kind: 'changed', stored };
}

export function SourceForm({ vendor, existing, onDone, onRestart }: SourceFormProps) {
  const { t, lang } = useI18n();
  const client = useClient();
  const settings = useSettings();
  const editable = settings.view?.editable ?? false;
  const [values, setValues] = useState<FormValues>(() => initialValues(vendor, lang, existing));
  // The language changed with the form open: its numbers are written the new language's way ("2.5"
  // becomes "2,5"; an English "1,000", refused there, "1000" rather than a French 1).
  const [valuesLang, setValuesLang] = useState(lang);
  if (valuesLang !== lang) {
    setValuesLang(lang);
    setValues((cur) => {
      const next = { ...cur };
      for (const f of FIELDS[vendor]) {
        const v = cur[f.path];
        if (f.kind === 'number' && typeof v === 'string') next[f.path] = relanguaged(v, valuesLang, lang);
      }
      return next;
    });
  }
  const [errors, setErrors] = useState<Record<string, FieldError>>({});
  const [showErrors, setShowErrors] = useState(false);
  /** Fields the reader has left: their errors show as they go, the others' once they save or test. */
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);
  const [result, setResult] = useState<TestResult | null>(null);
  const [plaintextOk, setPlaintextOk] = useState(false);
  /** "Advanced" open: by the reader, or by a refused save or test when one of its fields is wrong. */
  const [advancedOpen, setAdvancedOpen] = useState(false);
  /**
   * Where the focus goes after a refused save or test (the first field in error), or after the host's
   * answer (back to the button pressed, which was disabled meanwhile and lost it); `n` makes each a new request.
   */
  const [focusTo, setFocusTo] = useState<{ field?: string; button?: 'test' | 'save'; n: number } | null>(null);
  const testButton = useRef<HTMLButtonElement>(null);
  const saveButton = useRef<HTMLButtonElement>(null);
  const afterPress = useAfterPress();
  // Opened (or started again): the focus goes to its title; cancelled, back to where it was opened from.
  const heading = useRef<HTMLHeadingElement>(null);
  const form = useRef<HTMLFormElement>(null);
  useOpenedFocus(heading, form);
  const fields = FIELDS[vendor];
  const typedSecret = fields.some((f) => f.kind === 'secret' && String(values[f.path] ?? '').length > 0);
  const needsPlaintext = settings.view?.secretStorage === 'basic_text' && typedSecret;
  const moved = sourceDrift(existing, settings.view?.sources);
  // A source removed elsewhere took its stored secrets with it: they are to be typed again.
  const removed = moved?.kind === 'removed';
  const basis = useMemo(() => (removed && existing ? { ...existing, secrets: {} } : existing), [removed, existing]);
  const live = useMemo(() => validate(vendor, values, lang, basis), [vendor, values, lang, basis]);
  // While its own save runs, the form's source changes under it by its own hand: not said.
  const drift = busy === 'save' ? null : moved;
  const shown = showErrors ? { ...live, ...errors } : { ...Object.fromEntries(Object.entries(live).filter(([path]) => touched.has(path))), ...errors };

  const change = (path: string, v: string | boolean) => {
    setValues((cur) => ({ ...cur, [path]: v }));
    setErrors(({ [path]: _drop, ...rest }) => rest);
    setResult(null);
  };

  /** Shows the fields in error: "Advanced" opened when one of its fields is, the focus on the first. */
  const reveal = (bad: Record<string, FieldError>) => {
    const wrong = fields.filter((f) => fieldShown(f, values) && bad[f.path]);
    if (wrong.some((f) => f.advanced)) setAdvancedOpen(true);
    const first = wrong.find((f) => !f.advanced) ?? wrong[0];
    if (first) setFocusTo((cur) => ({ field: first.path, n: (cur?.n ?? 0) + 1 }));
  };

  const check = (): boolean => {
    setShowErrors(true);
    if (Object.keys(live).length === 0) return true;
    reveal({ ...live, ...errors });
    return false;
  };

  const fail = (e: unknown) => {
    const err = toCommandError(e);
    const { field, error } = hostError(vendor, errorText(err, t), err.reason ? (err.field ?? '') : null);
    setErrors((cur) => ({ ...cur, [field]: error }));
    return field ? { [field]: error } : null;
  };

  /** The host answered: the focus goes to the field it refused, else back to the button pressed. */
  const answered = (button: 'test' | 'save', refused: Record<string, FieldError> | null) => {
    if (refused) reveal(refused);
    else setFocusTo((cur) => ({ button, n: (cur?.n ?? 0) + 1 }));
  };

  useEffect(() => {
    if (!focusTo) return;
    if (focusTo.field !== undefined) {
      const el = form.current?.querySelector<HTMLElement>(`[name="${focusTo.field}"]`);
      el?.focus();
      return;
    }
    // Only when the focus was lost with the disabled button: not taken from where the reader went since.
    const active = document.activeElement;
    if (active && active !== document.body) return;
    (focusTo.button === 'test' ? testButton : saveButton).current?.focus();
  }, [focusTo]);

  const test = async () => {
    if (!check()) return;
    setBusy('test');
    setResult(null);
    let refused: Record<string, FieldError> | null = null;
    try {
      setResult(await client.invoke('sources:test', { config: buildConfig(vendor, values, lang, basis), previousId: existing?.id }));
    } catch (e) {
      refused = fail(e);
    } finally {
      setBusy(null);
    }
    answered('test', refused);
  };

  const save = async (ev: FormEvent) => {
    ev.preventDefault();
    if (!check() || (needsPlaintext && !plaintextOk)) return;
    setBusy('save');
    let refused: Record<string, FieldError> | null;
    try {
      const config = buildConfig(vendor, values, lang, basis);
      const view = await client.invoke('sources:save', {
        config,
        previousId: existing?.id,
        allowPlaintextSecrets: needsPlaintext ? plaintextOk : undefined,
      });
      settings.set(view);
      const id = String(config.id ?? '');
      onDone({ id, name: String(config.name || id), added: !existing });
      return;
    } catch (e) {
      refused = fail(e);
    } finally {
      setBusy(null);
    }
    answered('save', refused);
  };

  /** Esc does what Cancel does (an IME's own Esc, or one a list box used, is left alone). */
  const escape = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || e.defaultPrevented || e.nativeEvent.isComposing) return;
    e.preventDefault();
    onDone();
  };

  const titleId = `source-form-${vendor}`;
  const basic = fields.filter((f) => !f.advanced && fieldShown(f, values));
  const advanced = fields.filter((f) => f.advanced && fieldShown(f, values));
  const field = (f: (typeof fields)[number]) => (
    <Field key={f.path} spec={f} vendor={vendor} value={values[f.path] ?? ''} error={shown[f.path]} secretSet={basis?.secrets[f.path] ?? false} onChange={(v) => change(f.path, v)} onBlur={() => afterPress(() => setTouched((cur) => (cur.has(f.path) ? cur : new Set(cur).add(f.path))))} />
  );
  return (
    <form className="source-form" ref={form} onSubmit={save} onKeyDown={escape} noValidate aria-labelledby={titleId}>
      <h3 id={titleId} ref={heading} tabIndex={-1}>{existing ? t('sources.editTitle', { name: existing.name ?? existing.id }) : t(`form.newTitle.${vendor}`)}</h3>
      {!editable && <p className="notice">{t('settings.readOnly')}</p>}
      <fieldset disabled={!editable || busy !== null}>
        {basic.map(field)}
        <details open={advancedOpen} onToggle={(e) => setAdvancedOpen(e.currentTarget.open)}>
          <summary>{t('form.advanced')}</summary>
          {advanced.map(field)}
        </details>
        {needsPlaintext && (
          <label className="check warning">
            <input type="checkbox" checked={plaintextOk} onChange={(e) => setPlaintextOk(e.target.checked)} />
            {t('sources.plaintextConfirm')}
          </label>
        )}
      </fieldset>
      {shown[''] && (
        <p className="error" role="alert">
          {shown[''].text ?? t(`form.error.${shown[''].code}`, shown[''].params)}
        </p>
      )}
      {showErrors && Object.keys(live).length > 0 && (
        <p className="error" role="alert">
          {t('form.fixErrors', { count: Object.keys(live).length })}
        </p>
      )}
      {drift && editable && (
        <p className="notice" role="status">
          {t(drift.kind === 'changed' ? 'sources.changedElsewhere' : 'sources.removedElsewhere')}
          {drift.kind === 'changed' && onRestart && (
            <>
              {' '}
              <button type="button" onClick={() => onRestart(drift.stored)}>
                {t('sources.restartForm')}
              </button>
            </>
          )}
        </p>
      )}
      <div className="form-actions">
        <button type="button" ref={testButton} onClick={test} disabled={busy !== null}>
          {busy === 'test' ? t('sources.testing') : t('sources.test')}
        </button>
        <button type="submit" ref={saveButton} className="primary" disabled={!editable || busy !== null || (needsPlaintext && !plaintextOk)}>
          {t('action.save')}
        </button>
        <button type="button" onClick={() => onDone()}>
          {t('action.cancel')}
        </button>
      </div>
      <div aria-live="polite">{result && <TestResultView result={result} />}</div>
    </form>
  );
}
