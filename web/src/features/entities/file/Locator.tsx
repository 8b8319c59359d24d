/**
 * The plain locator used when no tile server is configured: the unit's district drawn as the extent of its registered
 * units, its towns at the centre of their units, and the unit as a red point — with a north arrow and a scale bar.
 * Equirectangular projection with the longitude scaled by cos(latitude): correct enough at district size.
 */
import type { Locator as LocatorData } from './api';

const W = 360;
const PAD = 22;

export function Locator({ data, lng, lat, name }: { data: LocatorData; lng: number; lat: number; name: string }) {
  const [minLng0, minLat0, maxLng0, maxLat0] = data.bbox;
  const minLng = Math.min(minLng0, lng);
  const maxLng = Math.max(maxLng0, lng);
  const minLat = Math.min(minLat0, lat);
  const maxLat = Math.max(maxLat0, lat);
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLng - minLng) * k, 1e-4);
  const spanY = Math.max(maxLat - minLat, 1e-4);
  // as tall as the district's shape asks, within reason
  const H = Math.round(Math.min(300, Math.max(200, ((W - 2 * PAD) * spanY) / spanX + 2 * PAD)));
  const scale = Math.min((W - 2 * PAD) / spanX, (H - 2 * PAD) / spanY);
  const ox = (W - spanX * scale) / 2;
  const oy = (H - spanY * scale) / 2;
  const x = (g: number) => ox + (g - minLng) * k * scale;
  const y = (t: number) => H - (oy + (t - minLat) * scale);
  // scale bar: a round number of km about a quarter of the width
  const kmPerPx = 111.32 / scale;
  const target = (W / 4) * kmPerPx;
  const km = [0.5, 1, 2, 5, 10, 20, 50].find((v) => v >= target * 0.6) ?? 50;
  const barPx = km / kmPerPx;
  const px = x(lng);
  const py = y(lat);
  // label towns greedily, nearest to the unit first, skipping a label that would overlap one already placed
  const placed: { x0: number; y0: number; x1: number; y1: number }[] = [{ x0: px - 8, y0: py - 8, x1: px + 8, y1: py + 8 }];
  const labelled = new Set<string>();
  for (const t of [...data.towns].sort((a, b) => Math.hypot(x(a.lng) - px, y(a.lat) - py) - Math.hypot(x(b.lng) - px, y(b.lat) - py))) {
    const box = { x0: x(t.lng) + 4, y0: y(t.lat) - 6, x1: x(t.lng) + 6 + t.name.length * 10, y1: y(t.lat) + 6 };
    if (box.x1 > W) continue;
    if (placed.some((p) => box.x0 < p.x1 && box.x1 > p.x0 && box.y0 < p.y1 && box.y1 > p.y0)) continue;
    placed.push(box);
    labelled.add(t.code);
  }

  return (
    <figure className="wj-locator">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${name}在${data.districtName ?? '本区'}的位置示意图`}>
        <rect x={x(minLng0)} y={y(maxLat0)} width={(maxLng0 - minLng0) * k * scale} height={(maxLat0 - minLat0) * scale} className="wj-locator-area" rx={6} />
        {data.towns.map((t) => (
          <g key={t.code} className="wj-locator-town">
            <title>{t.name}</title>
            <circle cx={x(t.lng)} cy={y(t.lat)} r={3} />
            {labelled.has(t.code) && <text x={x(t.lng) + 5} y={y(t.lat) + 4}>{t.name}</text>}
          </g>
        ))}
        <circle cx={px} cy={py} r={12} className="wj-locator-halo" />
        <circle cx={px} cy={py} r={5} className="wj-locator-point" />
        <g className="wj-locator-north" transform={`translate(${W - 18}, 18)`}>
          <path d="M0 -11 L5 5 L0 2 L-5 5 Z" />
          <text y={17} textAnchor="middle">北</text>
        </g>
        <g className="wj-locator-scale" transform={`translate(10, ${H - 12})`}>
          <path d={`M0 -4 V0 H${barPx} V-4`} />
          <text x={barPx + 4} y={0}>{km} 公里</text>
        </g>
      </svg>
      <figcaption>
        未配置地图服务：示意图按{data.districtName ?? '本区'}登记单位的坐标绘制，灰点为各街道（乡镇）单位的中心，仅示意相对位置。
      </figcaption>
    </figure>
  );
}
