"""
A second, independent implementation of weijian-draw/2, written from docs/draw-protocol.md alone (Python 3.8+,
standard library only). It re-runs a draw bundle and reports the first difference; it is deliberately simple
(no Fenwick tree, no validation of input rules), for auditing the specification, not for a million candidates.

    python3 lib/draw/reference-verifier.py [bundle.json]      (default: lib/draw/test-vector.json)
"""
import json, hashlib, os, struct, unicodedata, sys

path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), 'test-vector.json')
v = json.load(open(path, encoding='utf-8'))
b = v.get('bundle', v)

def check(ok, what):
    if not ok:
        print('MISMATCH:', what)
        sys.exit(1)

J = lambda x: json.dumps(x, ensure_ascii=False, separators=(',', ':'))
def C(x):
    if isinstance(x, dict): return '{' + ','.join(J(k) + ':' + C(x[k]) for k in sorted(x, key=lambda s: s.encode('utf-16-be'))) + '}'
    if isinstance(x, list): return '[' + ','.join(C(i) for i in x) + ']'
    return J(x)
sha = lambda s: hashlib.sha256(s.encode('utf-8') if isinstance(s, str) else s).hexdigest()
F = b['frozen']
P = F['plan']; W = F['weights']
plan = {k: P[k] for k in ['id','name','year','level','agencyCode','windowStart','windowEnd','matters']}
plan['strata'] = [{k: s[k] for k in ['key','name','categories','regionCodes','mode','count','ratioBp']} for s in P['strata']]
plan['rules'] = {k: P['rules'][k] for k in ['inspectorsPerTarget','maxShareBp','avoidSameTown','avoidLastPair','credentialValidOn']}
weights = {k: W[k] for k in ['base','riskGrade','creditClass','keyList','complaintEach','complaintMax']}
planHash = sha(J(['weijian-draw/2','plan']) + '\n' + C({'plan': plan, 'weights': weights}))
CL = F['candidates']
N = len(CL['place'])
# canonical text: header, the JSON of the dictionaries and index columns, then the three text columns as they are
candHash = sha('\n'.join([J(['weijian-draw/2', 'candidates', N])] + [J(CL[f]) for f in ['places','kinds','risks','place','kind','risk']]
                         + [CL['id'], CL['name'], CL['creditCode']]))
def section(name, xs, fields): return [J(['weijian-draw/2', name, len(xs)])] + [J([x[f] for f in fields]) for x in xs]
inspHash = sha('\n'.join(section('inspectors', F['inspectors'], ['id','name','agencyCode','townCode','specialties','credentialValidUntil'])
  + section('conflicts', F['conflicts'], ['inspectorId','entityId']) + section('lastPairs', F['lastPairs'], ['entityId','inspectorIds'])))
commitment = hashlib.sha256(bytes.fromhex(b['secret'])).hexdigest()
pub = b['published']
check(b['protocol'] == 'weijian-draw/2', 'protocol')
check(commitment == pub['commitment'], 'commitment')
check(planHash == pub['planHash'], 'plan_hash')
check(candHash == pub['candidatesHash'], 'candidates_hash')
check(inspHash == pub['inspectorsHash'], 'inspectors_hash')
WS = '\u0009\u000a\u000b\u000c\u000d\u0020\u00a0\u1680' + ''.join(chr(c) for c in range(0x2000, 0x200b)) + '\u2028\u2029\u202f\u205f\u3000\ufeff'
pv = unicodedata.normalize('NFC', b['publicValue'].strip(WS))
seed = hashlib.sha256(f"weijian-draw/2|seed|{b['secret']}|{pv}|{planHash}|{candHash}|{inspHash}".encode()).digest()
check(seed.hex() == v.get('seed', seed.hex()), 'seed')
M = 0xffffffff
def rotl(x, n): return ((x << n) & M) | (x >> (32 - n))
def block(key, counter):
    s = [0x61707865, 0x3320646e, 0x79622d32, 0x6b206574] + list(struct.unpack('<8I', key)) + [counter, 0, 0, 0]
    x = s[:]
    def qr(a, b_, c, d):
        x[a] = (x[a] + x[b_]) & M; x[d] = rotl(x[d] ^ x[a], 16)
        x[c] = (x[c] + x[d]) & M; x[b_] = rotl(x[b_] ^ x[c], 12)
        x[a] = (x[a] + x[b_]) & M; x[d] = rotl(x[d] ^ x[a], 8)
        x[c] = (x[c] + x[d]) & M; x[b_] = rotl(x[b_] ^ x[c], 7)
    for _ in range(10):
        qr(0,4,8,12); qr(1,5,9,13); qr(2,6,10,14); qr(3,7,11,15); qr(0,5,10,15); qr(1,6,11,12); qr(2,7,8,13); qr(3,4,9,14)
    return [(x[i] + s[i]) & M for i in range(16)]
class Stream:
    def __init__(self, label):
        self.key = hashlib.sha256(seed + label.encode()).digest(); self.ctr = 0; self.buf = []
    def word(self):
        if not self.buf: self.buf = block(self.key, self.ctr); self.ctr += 1
        return self.buf.pop(0)
    def uniform(self, n):
        limit = 2**53 - (2**53 % n)
        while True:
            x = (self.word() & 0x1fffff) * 2**32 + self.word()
            if x < limit: return x % n
for label, words in v.get('streams', {}).items():
    s = Stream(label); check([f'{s.word():08x}' for _ in words] == words, 'stream ' + label)
# decode the candidate list (§4.1) and derive each candidate's stratum and weight (§9)
lines = {f: (CL[f].split('\n') if N else []) for f in ['id', 'name', 'creditCode']}
check(all(len(v) == N and (N or CL[f] == '') for f, v in lines.items()), 'text columns must have one line per candidate')
cands = []
for i in range(N):
    region, town, agency = CL['places'][CL['place'][i]]
    cats, spec = CL['kinds'][CL['kind'][i]]
    risk, credit, key, complaints = CL['risks'][CL['risk'][i]]
    cands.append({'id': lines['id'][i], 'name': lines['name'][i], 'regionCode': region, 'townCode': town, 'agencyCode': agency,
                  'categories': cats, 'specialty': spec, 'riskGrade': risk, 'creditClass': credit, 'keyList': key, 'complaints': complaints})
check(all(cands[i]['id'].encode('utf-16-be') < cands[i + 1]['id'].encode('utf-16-be') for i in range(N - 1)), 'candidates not in ascending id order')
def stratum_of(c):
    for st in P['strata']:
        cat_ok = not st['categories'] or any(x == w or x.startswith(w + '.') for x in c['categories'] for w in st['categories'])
        reg_ok = not st['regionCodes'] or any(c['regionCode'].startswith(r) for r in st['regionCodes'])
        if cat_ok and reg_ok: return st['key']
    return None
def weight_of(c):
    v = W['base'] + W['riskGrade'].get(c['riskGrade'], 0) + W['creditClass'].get(c['creditClass'], 0) + (W['keyList'] if c['keyList'] else 0) \
        + min(c['complaints'] * W['complaintEach'], W['complaintMax'])
    return max(1, v)
for c in cands:
    c['stratum'] = stratum_of(c); c['weight'] = weight_of(c)
    check(c['stratum'] is not None, 'candidate in no stratum: ' + c['id'])
for d in v.get('derived', []):
    c = next(x for x in cands if x['id'] == d['id'])
    check((c['stratum'], c['weight']) == (d['stratum'], d['weight']), 'derived stratum/weight of ' + d['id'])
targets = []
for st in P['strata']:
    members = [c for c in cands if c['stratum'] == st['key']]
    n = len(members)
    k = min(st['count'], n) if st['mode'] == 'count' else min(n, (n * st['ratioBp'] + 9999) // 10000)
    if k == 0: continue
    R = Stream('targets:' + st['key']); w = [c['weight'] for c in members]
    for seq in range(1, k + 1):
        r = R.uniform(sum(w)); acc = 0
        for i, wi in enumerate(w):
            acc += wi
            if acc > r: break
        targets.append((st['key'], seq, members[i])); w[i] = 0
rules = P['rules']; per = rules['inspectorsPerTarget']; pool = F['inspectors']
root = lambda s: s.split('.')[0]
T = {}
for _, _, c in targets: T[c['agencyCode']] = T.get(c['agencyCode'], 0) + 1
cap = {a: max(1, -(-t * rules['maxShareBp'] // 10000)) for a, t in T.items()}
assigned = {x['id']: 0 for x in pool}
conf = {(c['inspectorId'], c['entityId']) for c in F['conflicts']}
last = {p['entityId']: p['inspectorIds'] for p in F['lastPairs']} if rules['avoidLastPair'] else {}
def fails(x, c, chosen):
    if x['agencyCode'] != c['agencyCode']: return 'agency'
    if not any(root(s) == root(c['specialty']) for s in x['specialties']): return 'specialty'
    if x['credentialValidUntil'] < rules['credentialValidOn']: return 'credential'
    if (x['id'], c['id']) in conf: return 'conflict'
    if rules['avoidSameTown'] and x['townCode'] != '' and x['townCode'] == c['townCode']: return 'town'
    L = last.get(c['id'])
    if L and x['id'] in L and x['id'] not in chosen and all(y in chosen for y in L if y != x['id']): return 'lastPair'
    if assigned[x['id']] >= cap[c['agencyCode']]: return 'workload'
    if x['id'] in chosen: return 'chosen'
    return None
LABEL = {'specialty': '专业不符', 'credential': '执法证过期', 'conflict': '利害关系回避', 'town': '同乡镇回避', 'lastPair': '上次检查人员回避', 'workload': '已达工作量上限', 'chosen': '已选派本对象'}
KEYS = ['agency', 'specialty', 'credential', 'conflict', 'town', 'lastPair', 'workload', 'chosen']
S = Stream('inspectors'); out = []
for key, seq, c in targets:
    chosen = []; un = None
    while len(chosen) < per:
        E = [x for x in pool if fails(x, c, chosen) is None]
        if not E:
            counts = {k: 0 for k in KEYS}
            for x in pool: counts[fails(x, c, chosen)] += 1
            parts = [f'{LABEL[k]} {counts[k]} 人' for k in KEYS[1:] if counts[k] > 0]
            un = {'reason': f'可派执法人员不足 {per} 名：' + ('，'.join(parts) if parts else '本机构无执法人员'), 'counts': counts}
            break
        chosen.append(E[S.uniform(len(E))]['id'])
    t = {'stratum': key, 'seq': seq, 'entityId': c['id'], 'inspectorIds': [] if un else chosen}
    if un: t['unstaffed'] = un
    else:
        for i in chosen: assigned[i] += 1
    out.append(t)
got = [dict(t) for t in b['result']['targets']]
for t in got:
    if t.get('unstaffed') is None: t.pop('unstaffed', None)
check(len(out) == len(got), f'target_count: {len(out)} expected, {len(got)} in the bundle')
for i, (w, g) in enumerate(zip(out, got)):
    check((w['stratum'], w['seq'], w['entityId']) == (g['stratum'], g['seq'], g['entityId']), f'target {i + 1}: expected {w["entityId"]}, bundle has {g["entityId"]}')
for i, (w, g) in enumerate(zip(out, got)):
    check(w['inspectorIds'] == g['inspectorIds'], f'inspectors of target {i + 1}: expected {w["inspectorIds"]}, bundle has {g["inspectorIds"]}')
for i, (w, g) in enumerate(zip(out, got)):
    check(w.get('unstaffed') == g.get('unstaffed'), f'unstaffed record of target {i + 1}')
print(f'OK: {len(out)} targets, {sum(1 for t in out if "unstaffed" in t)} unstaffed')
