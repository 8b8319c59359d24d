/**
 * `weijian draw verify <bundle.json>`: re-run a published random draw from its bundle with the standalone
 * verifier (lib/draw) and compare every target and inspector. Needs no database and no server code.
 * Exit 0 printing `verified`, or exit 1 naming the first mismatch.
 */
import fs from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { verifyBundle, type Published } from '../../lib/draw/index';

export function verifyFile(file: string, expected: Partial<Published> = {}): number {
  if (!fs.existsSync(file)) {
    console.error(`文件不存在：${file}`);
    return 2;
  }
  let raw = fs.readFileSync(file);
  if (raw[0] === 0x1f && raw[1] === 0x8b) raw = gunzipSync(raw);
  let bundle: unknown;
  try {
    bundle = JSON.parse(raw.toString('utf8'));
  } catch {
    console.error('验证失败：文件不是有效的 JSON 抽取数据包');
    return 1;
  }
  const given = Object.fromEntries(Object.entries(expected).filter(([, v]) => v)) as Partial<Published>;
  const res = verifyBundle(bundle as never, Object.keys(given).length ? given : undefined);
  if (!res.ok) {
    console.error(`验证失败（${res.code}）：${res.message}`);
    return 1;
  }
  console.log(`抽取可复核：按协议重新计算的 ${res.targets} 个检查对象及其执法人员与数据包一致${res.unstaffed ? `（其中 ${res.unstaffed} 个待派员）` : ''}`);
  console.log('verified');
  return 0;
}

// Run directly by bin/weijian.mjs: weijian draw verify <file> [--commitment H] …
if (process.argv[2] === 'draw' && process.argv[3] === 'verify') {
  const { positionals, values } = parseArgs({
    args: process.argv.slice(4), allowPositionals: true,
    options: { commitment: { type: 'string' }, 'candidates-hash': { type: 'string' }, 'plan-hash': { type: 'string' }, 'inspectors-hash': { type: 'string' } },
  });
  if (!positionals[0]) {
    console.error('用法：weijian draw verify <抽取数据包.json> [--commitment 承诺值] [--candidates-hash 候选名单哈希] [--plan-hash 计划哈希] [--inspectors-hash 人员名单哈希]');
    process.exitCode = 2;
  } else {
    process.exitCode = verifyFile(positionals[0], {
      commitment: values.commitment, candidatesHash: values['candidates-hash'], planHash: values['plan-hash'], inspectorsHash: values['inspectors-hash'],
    });
  }
}
