import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from 'helmet';
import rateLimit from '@fastify/rate-limit';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tileSource, type Config } from './config';
import type { Database, Db } from './db/client';
import { enforceAccessDeclarations } from './platform/access';
import { authPlugin } from './platform/auth/plugin';
import { authRoutes } from './platform/auth/routes';
import { errorHandler } from './platform/errors';
import { importJobRoutes } from './platform/register/routes';
import { platformRoutes } from './platform/routes';
import { documentRoutes } from './platform/documents/routes';
import { domains } from './domains/index';

z.config(z.locales.zhCN());

const IMMUTABLE = 'public, max-age=31536000, immutable';
const NO_CACHE = 'no-cache';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    database: Database;
    config: Config;
  }
}

export async function buildApp(database: Database, config: Config, opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? { level: config.logLevel } : false,
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: process.env.WEIJIAN_TRUST_PROXY === '1',
  });
  app.decorate('db', database.db);
  app.decorate('database', database);
  app.decorate('config', config);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  // Security headers (helmet). They do not depend on the request, so they are computed once and set by one
  // hook (@fastify/helmet builds helmet's middleware again on every request).
  const securityHeaders = headersOf(helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"], // antd injects CSS-in-JS style tags
        imgSrc: ["'self'", 'data:', 'blob:', ...(tileSource(config.mapTiles) ? [tileSource(config.mapTiles)!] : [])],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: config.secureCookies,
  }));
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(securityHeaders);
    done();
  });
  await app.register(rateLimit, { global: false });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 50 * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: {
      info: { title: '卫监 Weijian API', version: '0.1.0', description: '卫生健康监督执法平台接口。除标注为公开的接口外，均需登录（会话 Cookie）并在修改类请求中携带 x-csrf-token。' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'wj_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  enforceAccessDeclarations(app);
  await app.register(authPlugin);

  app.get('/api/health', { config: { access: { public: true } }, schema: { tags: ['系统'], summary: '健康检查' } }, async () => ({
    status: 'ok',
    db: database.kind,
  }));
  await app.register(authRoutes);
  await app.register(async (a) => importJobRoutes(a));
  await app.register(platformRoutes);
  await app.register(documentRoutes);
  for (const domain of domains) await app.register(domain);

  if (fs.existsSync(config.webDist)) {
    // Hashed build assets never change under their name: cached for a year. The HTML pages are revalidated on every
    // visit, so a new release is picked up at once. Compressed twins (.br, .gz) are written by the build.
    await app.register(fastifyStatic, {
      root: config.webDist, prefix: '/', wildcard: false, index: false, preCompressed: true, cacheControl: false,
      setHeaders: (res, file) => {
        res.header('cache-control', file.endsWith('.html') ? NO_CACHE : file.includes(`${path.sep}assets${path.sep}`) ? IMMUTABLE : 'public, max-age=3600');
      },
    });
    const indexHtml = fs.readFileSync(path.join(config.webDist, 'index.html'));
    const portalPath = path.join(config.webDist, 'portal.html');
    // the public portal has its own light entry page (no staff app, no antd)
    const portalHtml = fs.existsSync(portalPath) ? fs.readFileSync(portalPath) : indexHtml;
    app.setNotFoundHandler((req, reply) => {
      if ((req.method === 'GET' || req.method === 'HEAD') && !req.url.startsWith('/api/') && !req.url.startsWith('/open311/')) {
        return reply.type('text/html').header('cache-control', NO_CACHE).send(/^\/public(\/|\?|$)/.test(req.url) ? portalHtml : indexHtml);
      }
      return reply.status(404).send({ error: 'not_found', message: '请求的地址不存在' });
    });
  }
  return app;
}

/** The headers a (request-independent) Node middleware such as helmet's sets, captured once. */
function headersOf(middleware: (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = { setHeader: (name: string, value: unknown) => { headers[name.toLowerCase()] = String(value); }, removeHeader: () => undefined };
  middleware({ headers: {} } as IncomingMessage, res as unknown as ServerResponse, (err) => { if (err) throw err; });
  return headers;
}
