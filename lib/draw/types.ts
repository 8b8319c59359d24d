/** Data types of the verifiable random draw protocol (双随机抽取), version weijian-draw/1. */
export const PROTOCOL = 'weijian-draw/1';

export type PlanLevel = 'national' | 'province' | 'city' | 'district';

/** A stratum (抽查分层): categories/regionCodes empty = any; ratioBp in 1/10000 (500 = 5%). */
export interface Stratum { key: string; name: string; categories: string[]; regionCodes: string[]; mode: 'count' | 'ratio'; count: number; ratioBp: number }

export interface DrawRules {
  /** Inspectors per target, >= 2 (行政处罚法 Art. 42). */
  inspectorsPerTarget: number;
  /** Max share of an agency's targets one inspector may get, in 1/10000. */
  maxShareBp: number;
  avoidSameTown: boolean;
  avoidLastPair: boolean;
  /** YYYY-MM-DD: an inspector's credential (执法证) must be valid on this date. */
  credentialValidOn: string;
}

export interface DrawPlan { id: string; name: string; year: number; level: PlanLevel; agencyCode: string; windowStart: string; windowEnd: string; matters: string[]; strata: Stratum[]; rules: DrawRules }

/** Selection weights (抽取权重): non-negative integers, additive bonuses. */
export interface WeightTable { base: number; riskGrade: Record<string, number>; creditClass: Record<string, number>; keyList: number; complaintEach: number; complaintMax: number }

export interface Candidate { id: string; name: string; creditCode: string; regionCode: string; townCode: string; agencyCode: string; categories: string[]; specialty: string; riskGrade: string; creditClass: string; keyList: boolean; complaints: number; stratum: string; weight: number }
export interface PoolInspector { id: string; name: string; agencyCode: string; townCode: string; specialties: string[]; credentialValidUntil: string }
/** A declared conflict of interest (利害关系回避, 行政处罚法 Art. 43). */
export interface Conflict { inspectorId: string; entityId: string }
/** Who inspected this entity last time. */
export interface LastPair { entityId: string; inspectorIds: string[] }

export interface Frozen { plan: DrawPlan; weights: WeightTable; candidates: Candidate[]; inspectors: PoolInspector[]; conflicts: Conflict[]; lastPairs: LastPair[] }
/** Published before the draw; all lowercase hex SHA-256. */
export interface Published { planHash: string; candidatesHash: string; inspectorsHash: string; commitment: string }

export interface DrawnTarget {
  stratum: string;
  /** 1-based order of selection within its stratum. */
  seq: number;
  entityId: string;
  /** Empty when unstaffed. */
  inspectorIds: string[];
  unstaffed?: { reason: string; counts: Record<string, number> };
}
export interface DrawResult { targets: DrawnTarget[] }

export interface Bundle {
  protocol: 'weijian-draw/1';
  plan: DrawPlan; weights: WeightTable; candidates: Candidate[]; inspectors: PoolInspector[]; conflicts: Conflict[]; lastPairs: LastPair[];
  published: Published; secret: string; publicValue: string;
  /** Informational only: not covered by any hash nor checked. */
  drawnAt: string;
  result: DrawResult;
}
