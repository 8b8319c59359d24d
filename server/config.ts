import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  demo: boolean;
  demoPassword: string;
  secureCookies: boolean;
  /** Key for protecting personal data at rest (ID numbers). */
  secretKey?: string;
  logLevel: string;
  /** Login attempts allowed per client IP per minute. */
  loginRatePerMinute: number;
  /** Public complaint submissions (portal and Open311) allowed per client IP per minute; look-ups get six times as many. */
  publicRatePerMinute: number;
  webDist: string;
  /** Public address of the portal, printed in documents' QR codes (WEIJIAN_PUBLIC_URL). */
  publicUrl: string;
  /** Map tile URL template (Leaflet's {z}/{x}/{y}, optional {s}); without it pages show coordinates and a plain locator. */
  mapTiles?: string;
  mapAttribution?: string;
}

export const DEFAULT_DEMO_PASSWORD = 'Weijian@2026';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.WEIJIAN_DATA_DIR ?? './data'),
    demo: env.WEIJIAN_DEMO !== '0',
    demoPassword: env.WEIJIAN_DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD,
    secureCookies: env.WEIJIAN_SECURE_COOKIES === '1',
    secretKey: env.WEIJIAN_SECRET_KEY || undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
    loginRatePerMinute: Number(env.WEIJIAN_LOGIN_RATE ?? 20),
    publicRatePerMinute: Number(env.WEIJIAN_PUBLIC_RATE ?? 10),
    webDist: path.resolve(env.WEIJIAN_WEB_DIST ?? './web/dist'),
    publicUrl: (env.WEIJIAN_PUBLIC_URL || `http://localhost:${Number(env.PORT ?? 3000)}`).replace(/\/+$/, ''),
    mapTiles: env.WEIJIAN_MAP_TILES || undefined,
    mapAttribution: env.WEIJIAN_MAP_ATTRIBUTION || undefined,
  };
}

/** The Content-Security-Policy source that lets the browser load the configured tiles ('self' for a same-origin path). */
export function tileSource(template: string | undefined): string | null {
  if (!template || template.startsWith('/')) return null;
  const m = /^(https?:\/\/[^/]+)/.exec(template);
  return m ? m[1].replace(/\{s\}/g, '*') : null;
}
