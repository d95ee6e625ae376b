/**
 * A larger trend chart for one metric: value axis in the metric's unit, time axis in local time,
 * warning and critical threshold lines. Inline SVG (allowed by the CSP; no canvas, no library), drawn
 * at the width it is laid out at, so its labels keep the size of the text around it.
 */
import { useEffect, useState } from 'react';
import type { HistoryPoint } from '../../shared/bridge';
import { useI18n } from '../i18n/context';
import { withUnit } from '../lib/units';
import { clockDuration } from '../lib/format';

/** Until its width is known (and where nothing lays it out), the chart is drawn this wide. */
const DEFAULT_W = 600;
const H = 120;
const PAD = { l: 40, r: 8, t: 8, b: 20 };

/** A ref for an element and the width of its content box, followed as it changes (0 until known). */
function useContentWidth(): [(el: HTMLElement | null) => void, number] {
  const [el, setEl] = useState<HTMLElement | null>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver((entries) => setWidth(Math.round(entries[0]?.contentRect.width ?? 0)));
    ro.observe(el);
    return () => ro.disconnect();
  }, [el]);
  return [setEl, width];
}

export interface TrendProps {
  title: string;
  unit: string;
  /** The values are seconds, written as a clock (m:ss) rather than in `unit`. */
  clock?: boolean;
  points: HistoryPoint[];
  warning: number | null;
  critical: number | null;
}

export function TrendChart({ title, unit, clock = false, points, warning, critical }: TrendProps) {
  const { t, n, time } = useI18n();
  const written = (v: number) => (clock ? (clockDuration(v) ?? n(v)) : withUnit(n(v), unit));
  const [box, laidOut] = useContentWidth();
  const W = laidOut > PAD.l + PAD.r ? laidOut : DEFAULT_W;
  const values = points.filter((p) => p.v !== null).map((p) => p.v as number);
  if (!values.length) {
    return (
      <figure className="trend" ref={box}>
        <figcaption>{title}</figcaption>
        <p className="muted">{t('trend.empty')}</p>
      </figure>
    );
  }
  const t0 = points[0]!.t;
  const t1 = points[points.length - 1]!.t;
  const span = Math.max(1, t1 - t0);
  const vmax = Math.max(...values, critical ?? 0, warning ?? 0) * 1.1 || 1;
  const x = (tt: number) => PAD.l + ((tt - t0) / span) * (W - PAD.l - PAD.r);
  const y = (v: number) => PAD.t + (1 - v / vmax) * (H - PAD.t - PAD.b);
  let d = '';
  let pen = false;
  let lastPoint: HistoryPoint | null = null;
  for (const p of points) {
    if (p.v === null) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`;
    pen = true;
    lastPoint = p;
  }
  const last = values[values.length - 1]!;
  const summary = t('trend.summary', { last: written(last), max: written(Math.max(...values)), from: time(t0), to: time(t1) });
  return (
    <figure className="trend" ref={box}>
      <figcaption>
        {title} <span className="muted">{summary}</span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${t('label.colon', { label: title })} ${summary}`}>
        <line className="axis" x1={PAD.l} x2={PAD.l} y1={PAD.t} y2={H - PAD.b} />
        <line className="axis" x1={PAD.l} x2={W - PAD.r} y1={H - PAD.b} y2={H - PAD.b} />
        <text className="tick" x={PAD.l - 4} y={PAD.t + 8} textAnchor="end">
          {clock ? clockDuration(vmax) : n(vmax, 0)}
        </text>
        <text className="tick" x={PAD.l - 4} y={H - PAD.b} textAnchor="end">
          {clock ? clockDuration(0) : 0}
        </text>
        <text className="tick" x={PAD.l} y={H - 6}>
          {time(t0)}
        </text>
        <text className="tick" x={W - PAD.r} y={H - 6} textAnchor="end">
          {time(t1)}
        </text>
        {warning !== null && warning < vmax && <line className="th th-warning" x1={PAD.l} x2={W - PAD.r} y1={y(warning)} y2={y(warning)} />}
        {critical !== null && critical < vmax && <line className="th th-critical" x1={PAD.l} x2={W - PAD.r} y1={y(critical)} y2={y(critical)} />}
        <path className="trend-line" d={d} />
        {/* The latest value, marked: the whole trend while there is only one. */}
        {lastPoint && <circle className="trend-now" cx={x(lastPoint.t)} cy={y(lastPoint.v!)} r={3} />}
      </svg>
    </figure>
  );
}
