/** A sortable column header: a button, with aria-sort on the cell. */
import type { ReactNode } from 'react';

export interface SortState<K extends string> {
  key: K;
  dir: 1 | -1;
}

export function SortHeader<K extends string>({
  id,
  sort,
  onSort,
  children,
  className,
  firstDir = 1,
}: {
  id: K;
  sort: SortState<K>;
  onSort: (s: SortState<K>) => void;
  children: ReactNode;
  className?: string;
  /** Direction of the first click (-1 for "worst first" on measures). */
  firstDir?: 1 | -1;
}) {
  const on = sort.key === id;
  const dir = on ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none';
  const mark = (
    <span className="sort-mark" aria-hidden="true">
      {on ? (sort.dir === 1 ? '▲' : '▼') : '↕'}
    </span>
  );
  // A figure's column is aligned right: its mark comes first, so its label ends flush with the
  // figures, and in a narrow column the mark shares the first line with a short first word ("↕ В /
  // состоянии") instead of taking a line of its own under the label.
  const markFirst = className?.split(' ').includes('num') ?? false;
  return (
    <th scope="col" aria-sort={dir} className={className}>
      <button type="button" className="sort" onClick={() => onSort({ key: id, dir: on ? (sort.dir === 1 ? -1 : 1) : firstDir })}>
        {/* The mark may go to a line of its own in a narrow column rather than widen it. */}
        {markFirst ? (
          <>
            {mark}
            <wbr />
            {children}
          </>
        ) : (
          <>
            {children}
            <wbr />
            {mark}
          </>
        )}
      </button>
    </th>
  );
}
