/**
 * Inline SVG sparkline of several metrics. Each series is scaled to its own critical threshold, so the
 * dashed line at the top third means "at the critical threshold" for every metric. Series differ by
 * dash pattern as well as colour.
 */
import type { HistoryPoint } from '../../shared/bridge';

export interface SparkSeries {
  id: string;
  label: string;
  points: HistoryPoint[];
  /** Value drawn at the threshold line (e.g. the critical threshold). */
  scale: number | null;
}

const W = 100;
const H = 24;
const THRESHOLD_Y = H / 3;

function path(points: HistoryPoint[], scale: number, t0: number, t1: number): string {
  const span = Math.max(1, t1 - t0);
  const max = (scale * H) / (H - THRESHOLD_Y);
  let d = '';
  let pen = false;
  for (const p of points) {
    if (p.v === null) {
      pen = false;
      continue;
    }
    const x = ((p.t - t0) / span) * W;
    const y = H - Math.min(1, Math.max(0, p.v / max)) * H;
    d += `${pen ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`;
    pen = true;
  }
  return d;
}

export function Sparkline({ series, label }: { series: SparkSeries[]; label: string }) {
  const all = series.flatMap((s) => s.points);
  if (!all.length) return <span className="muted">–</span>;
  let t0 = Infinity;
  let t1 = -Infinity;
  for (const p of all) {
    if (p.t < t0) t0 = p.t;
    if (p.t > t1) t1 = p.t;
  }
  return (
    <svg className="spark" viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={label}>
      <line className="spark-threshold" x1="0" x2={W} y1={THRESHOLD_Y} y2={THRESHOLD_Y} />
      {series.map((s) => {
        const values = s.points.filter((p) => p.v !== null).map((p) => p.v as number);
        const scale = s.scale ?? Math.max(1, ...values);
        return <path key={s.id} className={`spark-line spark-${s.id}`} d={path(s.points, scale, t0, t1)} />;
      })}
    </svg>
  );
}
