/** Plan form values ⇄ API input: ratios and the workload cap are edited in percent, sent in basis points. */
import dayjs from 'dayjs';
import type { FieldPath, PathError } from '../../components/formErrors';
import type { Exclusions, Plan, Weights } from './api';

export interface StratumValues {
  key: string;
  name: string;
  categories: string[];
  regionCodes: string[];
  mode: 'count' | 'ratio';
  count?: number | null;
  /** Percent (5 = 5 %), sent as ratioBp = 500. */
  ratioPct?: number | null;
}

export interface PlanFormValues {
  name: string;
  level: string;
  year: number;
  agencyId: string;
  matterIds: string[];
  categories: string[];
  targetRegions: string[];
  carrierAgencyIds: string[];
  windowStart: string | null;
  windowEnd: string | null;
  strata: StratumValues[];
  rules: { inspectorsPerTarget: number; maxSharePct: number | null; avoidSameTown: boolean; avoidLastPair: boolean };
  exclusions: Exclusions;
  weights: Weights;
  description?: string | null;
}

export const newStratum = (i: number, categories: string[] = []): StratumValues => ({
  key: `s${i + 1}`, name: `第${i + 1}层`, categories, regionCodes: [], mode: 'count', count: 10, ratioPct: null,
});

export function emptyPlan(agencyId: string | undefined, level: string, weights: Weights): PlanFormValues {
  const year = dayjs().year();
  return {
    name: '', level, year, agencyId: agencyId ?? '', matterIds: [], categories: [], targetRegions: [], carrierAgencyIds: [],
    windowStart: dayjs().format('YYYY-MM-DD'), windowEnd: `${year}-12-31`,
    strata: [{ ...newStratum(0), key: 'all', name: '全部候选对象' }],
    rules: { inspectorsPerTarget: 2, maxSharePct: 30, avoidSameTown: true, avoidLastPair: true },
    exclusions: { excludeInspectedInPeriod: true, minIntervalDays: 0 },
    weights: structuredClone(weights),
    description: '',
  };
}

export function planToValues(p: Plan): PlanFormValues {
  return {
    name: p.name, level: p.level, year: p.year, agencyId: p.agencyId, matterIds: p.matterIds, categories: p.categories,
    targetRegions: p.targetRegions, carrierAgencyIds: p.carrierAgencyIds, windowStart: p.windowStart, windowEnd: p.windowEnd,
    strata: p.strata.map((s) => ({
      key: s.key, name: s.name, categories: s.categories ?? [], regionCodes: s.regionCodes ?? [], mode: s.mode,
      count: s.mode === 'count' ? s.count : null, ratioPct: s.mode === 'ratio' ? s.ratioBp / 100 : null,
    })),
    rules: { inspectorsPerTarget: p.rules.inspectorsPerTarget, maxSharePct: p.rules.maxShareBp / 100, avoidSameTown: p.rules.avoidSameTown, avoidLastPair: p.rules.avoidLastPair },
    exclusions: { ...p.exclusions },
    weights: structuredClone(p.weights),
    description: p.description ?? '',
  };
}

const num = (v: unknown) => (v === null || v === undefined || v === '' ? undefined : Number(v));

export function valuesToBody(v: PlanFormValues) {
  return {
    name: v.name, level: v.level, year: v.year, agencyId: v.agencyId, matterIds: v.matterIds ?? [], categories: v.categories ?? [],
    targetRegions: v.targetRegions ?? [], carrierAgencyIds: v.carrierAgencyIds ?? [], windowStart: v.windowStart ?? '', windowEnd: v.windowEnd ?? '',
    strata: (v.strata ?? []).map((s) => ({
      key: s.key, name: s.name, categories: s.categories ?? [], regionCodes: s.regionCodes ?? [], mode: s.mode,
      count: s.mode === 'count' ? num(s.count) ?? 0 : 0,
      ratioBp: s.mode === 'ratio' ? Math.round((num(s.ratioPct) ?? 0) * 100) : 0,
    })),
    rules: {
      inspectorsPerTarget: v.rules.inspectorsPerTarget, maxShareBp: Math.round((num(v.rules.maxSharePct) ?? 0) * 100),
      avoidSameTown: !!v.rules.avoidSameTown, avoidLastPair: !!v.rules.avoidLastPair,
    },
    exclusions: { excludeInspectedInPeriod: !!v.exclusions.excludeInspectedInPeriod, minIntervalDays: num(v.exclusions.minIntervalDays) ?? 0 },
    weights: v.weights,
    description: v.description || null,
  };
}

/** Error paths of the API input → the form's field paths (basis points are edited as percent). */
export function toFormPaths(errors: PathError[], values: PlanFormValues): PathError[] {
  return errors.map((e) => {
    const name: FieldPath = [...e.name];
    if (name[0] === 'strata' && typeof name[1] === 'number') {
      const mode = values.strata?.[name[1]]?.mode;
      if (name[2] === 'ratioBp' || (name[2] === 'count' && mode === 'ratio')) name[2] = 'ratioPct';
    }
    if (name[0] === 'rules' && name[1] === 'maxShareBp') name[1] = 'maxSharePct';
    return { ...e, name };
  });
}
