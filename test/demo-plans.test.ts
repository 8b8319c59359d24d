/**
 * The demo random-inspection programme: last year's plan completed, this year's in progress, and both
 * draws verifiable from their public bundles.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoPlans } from '../server/demo/plans';
import { verifyBundle } from '../lib/draw/index';
import { createTestApp, type TestContext } from './server';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
  await loadDemoPlans(t.database);
});
afterAll(() => t.close());

describe('demo plans', () => {
  it('has a completed plan for last year and one in progress this year, both publicly verifiable', async () => {
    const anon = t.anonymous();
    const plans = (await anon.get('/api/public/plans')).json().items as { id: string; year: number; status: string; commitment: string }[];
    expect(plans.map((p) => [p.year, p.status]).sort()).toEqual([[2025, 'completed'], [2026, 'in_progress']]);
    for (const p of plans) {
      const bundle = (await anon.get(`/api/public/draws/${p.id}/bundle`)).json();
      expect(verifyBundle(bundle, { commitment: p.commitment })).toMatchObject({ ok: true });
    }
    const chief = await t.login('head');
    const last = plans.find((p) => p.year === 2025)!;
    const stats = (await chief.get(`/api/plans/${last.id}/stats`)).json();
    expect(stats.overall.drawn).toBeGreaterThan(0);
    expect(stats.overall.completionRate).toBe(1);
    const current = plans.find((p) => p.year === 2026)!;
    const s2 = (await chief.get(`/api/plans/${current.id}/stats`)).json();
    expect(s2.overall.finished).toBeGreaterThan(0);
    expect(s2.overall.finished).toBeLessThan(s2.overall.drawn);
    expect(s2.byAgency.length).toBeGreaterThan(1);
  });
});
