/**
 * weijian-draw/2 — the verifiable random draw (双随机抽取) and its verifier. Self-contained: depends only on
 * @noble/hashes, runs in Node and in browsers. Specification: docs/draw-protocol.md.
 */
export * from './types';
export { CANDIDATE_FIELDS, encodeCandidates, candidateAt, candidateRows, candidateCount, indexOfCandidate } from './candidates';
export {
  sortInspectors, sortConflicts, sortLastPairs, sortFrozen, stratumOf, specialtyRoot, computeWeight, candidateStrata, riskWeights,
  DEFAULT_WEIGHTS, inputError,
} from './rules';
export {
  canonicalJson, hashPlan, hashCandidates, hashInspectors, commitmentOf, newSecret, deriveSeed, normalizePublicValue, jsonPieces,
  frozenRecord, frozenJson,
} from './canonical';
export { stream, type Stream } from './chacha';
export { draw, staffingProblems, targetCount, unstaffedReason } from './draw';
export { publish, buildBundle, bundleEnvelope, verifyBundle, type Verification } from './verify';
