import type { ReactNode } from 'react';

/**
 * What is wrong with a field, beside or under it: a ✖ first (the error is not said by its colour
 * alone), then the sentence. `id` is what the field's `aria-describedby` names; `block` writes it as
 * a paragraph of its own rather than within the field's line.
 */
export function FieldErrorText({ id, block = false, children }: { id?: string; block?: boolean; children: ReactNode }) {
  const Tag = block ? 'p' : 'span';
  return (
    <Tag id={id} className="field-error">
      <span className="glyph" aria-hidden="true">
        ✖
      </span>{' '}
      {children}
    </Tag>
  );
}
