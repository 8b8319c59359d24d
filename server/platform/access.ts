/**
 * The one place where requests are authorised and queries are scoped to a user's jurisdiction.
 *
 * - Every route under /api declares `config.access`: either `{ public: true }` or the roles allowed.
 *   A route without it makes the app refuse to start (see `enforceAccessDeclarations`).
 * - Every register query goes through `scopeWhere`, which limits rows to the actor's region subtree
 *   (or, for a regulated unit's account, to its own unit).
 */
import type { FastifyInstance } from 'fastify';
import { and, eq, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { forbidden, unauthorized } from './errors';
import type { Role } from './roles';
import { STAFF_ROLES } from './roles';
import { ancestorRegionCodes, regionScopePrefix } from '../domains/regions/region-code';

export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  roles: Role[];
  agencyId: string | null;
  entityId: string | null;
  /** Root of the actor's jurisdiction (the agency's region, or the assistant's town). */
  regionCode: string;
  sessionId: string;
  csrfToken: string;
}

export type AccessRule = { public: true } | { roles: readonly Role[] | 'any' };

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    access?: AccessRule;
  }
}

export const hasRole = (actor: Actor, roles: readonly Role[] | 'any') =>
  roles === 'any' || actor.roles.some((r) => roles.includes(r));

export const isUnitOnly = (actor: Actor) => !actor.roles.some((r) => STAFF_ROLES.includes(r));

/** Throws unless the actor holds one of the roles. */
export function requireRole(actor: Actor | null, roles: readonly Role[] | 'any'): Actor {
  if (!actor) throw unauthorized();
  if (!hasRole(actor, roles)) throw forbidden();
  return actor;
}

const PROTECTED_PREFIXES = ['/api/', '/open311/'];

/** Refuse to start if any API route forgot to declare who may call it. */
export function enforceAccessDeclarations(app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    if (!PROTECTED_PREFIXES.some((p) => route.url.startsWith(p))) return;
    if (route.url.startsWith('/api/docs')) return;
    const access = (route.config as { access?: AccessRule } | undefined)?.access;
    if (!access) throw new Error(`Route ${route.method} ${route.url} declares no config.access`);
  });
  app.addHook('preHandler', async (request) => {
    const access = request.routeOptions.config.access;
    if (!access || 'public' in access) return;
    requireRole(request.actor, access.roles);
  });
}

export interface ScopeSpec {
  /** Column holding the record's region code. */
  region: PgColumn;
  /** Column linking the record to a supervised unit (for 被监督单位用户 accounts). */
  entity?: PgColumn;
  /** Records issued by higher levels (ancestor regions) are readable below, e.g. city checklists. */
  sharedDown?: boolean;
}

/**
 * SQL condition restricting a table to what the actor may see (`read`) or change (`write`).
 * Staff: the region subtree of their jurisdiction; for sharedDown tables, reads also include records
 * of ancestor regions. Unit accounts: only rows linked to their own unit.
 */
export function scopeWhere(actor: Actor, spec: ScopeSpec, mode: 'read' | 'write'): SQL {
  if (isUnitOnly(actor)) {
    if (!spec.entity || !actor.entityId || mode === 'write') return sql`false`;
    return eq(spec.entity, actor.entityId);
  }
  const subtree = like(spec.region, `${regionScopePrefix(actor.regionCode)}%`);
  if (mode === 'read' && spec.sharedDown) {
    return or(subtree, inArray(spec.region, ancestorRegionCodes(actor.regionCode)))!;
  }
  return subtree;
}

/** Whether a region code lies inside the actor's writable jurisdiction (for creates and moves). */
export function canWriteRegion(actor: Actor, regionCode: string): boolean {
  return !isUnitOnly(actor) && regionCode.startsWith(regionScopePrefix(actor.regionCode));
}

export const andScope = (actor: Actor, spec: ScopeSpec, mode: 'read' | 'write', ...conds: (SQL | undefined)[]) =>
  and(scopeWhere(actor, spec, mode), ...conds)!;
