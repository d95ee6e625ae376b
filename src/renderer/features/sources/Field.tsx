/** One labelled input of the source form, with its hint and error (linked by aria-describedby). */
import { useI18n } from '../../i18n/context';
import { ZoneSelect } from './ZoneSelect';
import type { FormKey } from '../../i18n/forms/en';
import type { FieldSpec, Vendor } from './fields';
import type { FieldError } from './form-model';
import { FieldErrorText } from '../../components/FieldErrorText';

export interface FieldProps {
  spec: FieldSpec;
  vendor: Vendor;
  value: string | boolean;
  error?: FieldError;
  secretSet: boolean;
  onChange: (v: string | boolean) => void;
  /** Left: its error is shown from now on (the form shows every error once saved or tested). */
  onBlur?: () => void;
}

export function fieldLabelKey(path: string): FormKey {
  return `field.${path}` as FormKey;
}

export function Field({ spec, vendor, value, error, secretSet, onChange, onBlur }: FieldProps) {
  const { t } = useI18n();
  const id = `f-${vendor}-${spec.path.replace(/\./g, '-')}`;
  const label = t(fieldLabelKey(spec.path));
  const errId = `${id}-error`;
  const hintId = `${id}-hint`;
  const typed = spec.kind === 'secret' && String(value).length > 0;
  const errText = error ? (error.text ?? t(`form.error.${error.code}`, error.params)) : null;
  const describedBy = [errText ? errId : null, spec.kind === 'secret' ? hintId : null].filter(Boolean).join(' ') || undefined;
  const common = { id, 'aria-invalid': errText ? true : undefined, 'aria-describedby': describedBy, name: spec.path, onBlur } as const;
  if (spec.kind === 'checkbox') {
    return (
      <div className="field check">
        <input type="checkbox" {...common} checked={value === true} onChange={(e) => onChange(e.target.checked)} />
        <label htmlFor={id}>{label}</label>
        {errText && <span id={errId} className="field-error">{errText}</span>}
      </div>
    );
  }
  let input;
  if (spec.kind === 'zone') {
    input = <ZoneSelect {...common} value={String(value)} onChange={onChange} />;
  } else if (spec.kind === 'select') {
    input = (
      <select {...common} value={String(value)} onChange={(e) => onChange(e.target.value)}>
        {spec.options!.map((o) => (
          <option key={o} value={o}>
            {t(`option.${o}` as FormKey)}
          </option>
        ))}
      </select>
    );
  } else if (spec.kind === 'secret') {
    // Never prefilled: the stored value stays on the host unless a new one is typed here.
    input = (
      <input
        {...common}
        type="password"
        autoComplete="new-password"
        value={String(value)}
        placeholder={secretSet ? t('form.secretKeep') : ''}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  } else {
    input = (
      <input
        {...common}
        type={spec.kind === 'number' ? 'text' : spec.kind === 'url' ? 'url' : 'text'}
        inputMode={spec.kind === 'number' ? 'decimal' : undefined}
        value={String(value)}
        placeholder={spec.placeholder}
        onChange={(e) => onChange(e.target.value)}
        spellCheck={false}
      />
    );
  }
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {input}
      {/* Typed: what saving will do with it, not what is stored now ("Not set" under a value just typed). */}
      {spec.kind === 'secret' && (
        <span id={hintId} className={`secret-state ${typed ? 'typed' : secretSet ? 'set' : 'unset'}`}>
          {typed ? t(secretSet ? 'form.secretReplace' : 'form.secretNew') : secretSet ? t('form.secretSet') : t('form.secretNotSet')}
        </span>
      )}
      {errText && (
        <FieldErrorText id={errId}>{errText}</FieldErrorText>
      )}
    </div>
  );
}
