/** The unit on a Leaflet map from the configured tile server (loaded only when WEIJIAN_MAP_TILES is set). */
import { useEffect, useRef } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';

export default function LeafletMap({ lng, lat, name, tiles, attribution }: { lng: number; lat: number; name: string; tiles: string; attribution: string | null }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const map = L.map(ref.current, { center: [lat, lng], zoom: 16, scrollWheelZoom: false });
    L.tileLayer(tiles, { maxZoom: 19, attribution: attribution ?? '' }).addTo(map);
    // a vector marker: no marker images to bundle
    L.circleMarker([lat, lng], { radius: 8, color: '#fff', weight: 2, fillColor: '#c8102e', fillOpacity: 1 }).addTo(map).bindTooltip(name, { permanent: false });
    return () => { map.remove(); };
  }, [lng, lat, name, tiles, attribution]);
  return <div ref={ref} className="wj-leaflet" role="region" aria-label={`${name}的位置地图`} />;
}
