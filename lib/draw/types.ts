/** Data types of the verifiable random draw protocol (双随机抽取), version weijian-draw/2. */
export const PROTOCOL = 'weijian-draw/2';

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

/**
 * One candidate (候选对象) as a record: what encodeCandidates() takes and candidateAt() gives back. Its stratum
 * and weight are not data: the protocol derives them from these fields (§9).
 */
export interface Candidate {
  id: string; name: string; creditCode: string; regionCode: string; townCode: string; agencyCode: string;
  categories: string[]; specialty: string; riskGrade: string; creditClass: string; keyList: boolean; complaints: number;
}

/** Where a candidate is and who supervises it: [regionCode 区划, townCode 乡镇, agencyCode 管辖机构]. */
export type Place = [regionCode: string, townCode: string, agencyCode: string];
/** What a candidate is: [categories 专业类别 (ascending), specialty 专业]. */
export type Kind = [categories: string[], specialty: string];
/** The inputs of a candidate's weight: [riskGrade 风险等级, creditClass 信用等级, keyList 重点监管名单, complaints 投诉举报件数]. */
export type Risk = [riskGrade: string, creditClass: string, keyList: boolean, complaints: number];

/**
 * The candidate list in its canonical encoding (§4.1): candidate i is line i of each text column and element i
 * of each index column (ascending id); the repetitive fields are indices into three dictionaries. The text
 * columns hold one value per candidate, separated by "\n" (values never contain a line feed).
 */
export interface CandidateList {
  places: Place[]; kinds: Kind[]; risks: Risk[];
  place: number[]; kind: number[]; risk: number[];
  id: string; name: string; creditCode: string;
}

export interface PoolInspector { id: string; name: string; agencyCode: string; townCode: string; specialties: string[]; credentialValidUntil: string }
/** A declared conflict of interest (利害关系回避, 行政处罚法 Art. 43). */
export interface Conflict { inspectorId: string; entityId: string }
/** Who inspected this entity last time. */
export interface LastPair { entityId: string; inspectorIds: string[] }

/** Everything frozen at publication, as published (the `frozen` member of the bundle, the candidate download). */
export interface Frozen { plan: DrawPlan; weights: WeightTable; candidates: CandidateList; inspectors: PoolInspector[]; conflicts: Conflict[]; lastPairs: LastPair[] }
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
  protocol: 'weijian-draw/2';
  published: Published; secret: string; publicValue: string;
  /** Informational only: not covered by any hash nor checked. */
  drawnAt: string;
  result: DrawResult;
  frozen: Frozen;
}
