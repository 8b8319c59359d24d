/**
 * 验证抽取: download the draw bundle and re-run the draw in this browser with lib/draw (in a Web Worker), checking
 * it against the hashes and the public value published on this page.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Progress, Space, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, DownloadOutlined, FileSearchOutlined, LoadingOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { bundleUrl, candidatesUrl, type PublicPlan } from './api';
import { Section } from './components';
import { bundleFileName, candidatesFileName, fmtCount } from './format';
import type { Stage, VerifyMessage, VerifyOutcome, VerifyRequest } from './verify';

type State = { kind: 'idle' } | { kind: 'running'; stage: Stage; loaded: number; source: 'server' | 'file' } | { kind: 'done'; outcome: VerifyOutcome; source: 'server' | 'file' };

const STAGES: { key: Stage; label: string }[] = [
  { key: 'download', label: '获取数据包' },
  { key: 'parse', label: '解析数据' },
  { key: 'verify', label: '重新计算并核对' },
];

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** Run in a module Web Worker; if the browser cannot, run on the main thread (same code). */
function startVerification(req: VerifyRequest, on: (m: VerifyMessage) => void): () => void {
  let worker: Worker | null = null;
  let cancelled = false;
  const fallback = () => {
    worker?.terminate();
    worker = null;
    void import('./verify').then(({ runVerification }) => runVerification(req, (m) => !cancelled && on(m)))
      .then((outcome) => !cancelled && on({ type: 'done', outcome }));
  };
  try {
    worker = new Worker(new URL('./verify.worker.ts', import.meta.url), { type: 'module' });
    let heard = false;
    worker.onmessage = (e: MessageEvent<VerifyMessage>) => {
      heard = true;
      if (!cancelled) on(e.data);
      if (e.data.type === 'done') worker?.terminate();
    };
    worker.onerror = (e) => {
      e.preventDefault();
      if (!heard) fallback();
      else on({ type: 'done', outcome: { ok: false, code: 'error', message: `验证程序出错：${e.message || '未知错误'}`, ms: 0 } });
    };
    worker.postMessage(req);
  } catch {
    fallback();
  }
  return () => { cancelled = true; worker?.terminate(); };
}

export function VerifyPanel({ plan }: { plan: PublicPlan }) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const cancel = useRef<(() => void) | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  useEffect(() => () => cancel.current?.(), []);

  const expected = Object.fromEntries(Object.entries(plan.published).filter(([, v]) => typeof v === 'string')) as VerifyRequest['expected'];
  const run = (source: 'server' | 'file', file?: File) => {
    cancel.current?.();
    setState({ kind: 'running', stage: 'download', loaded: 0, source });
    const req: VerifyRequest = { expected, publicValue: plan.publicValue, ...(file ? { file } : { url: new URL(bundleUrl(plan.id), window.location.origin).href }) };
    cancel.current = startVerification(req, (m) => {
      if (m.type === 'progress') setState({ kind: 'running', stage: m.stage, loaded: m.loaded ?? 0, source });
      else setState({ kind: 'done', outcome: m.outcome, source });
    });
  };

  const running = state.kind === 'running';
  const fileName = bundleFileName(plan.id);
  const command = `npx weijian draw verify ${fileName} --commitment ${plan.published.commitment ?? ''} --candidates-hash ${plan.published.candidatesHash ?? ''}`;

  return (
    <Section title="验证抽取" id="verify" className="wj-pub-verify">
      <p className="wj-pub-note">
        点击“验证抽取”，本页将下载本次抽取的数据包，在您的浏览器中按公开协议重新计算抽取结果，并与本页公示的承诺值、哈希值和公开随机值逐项核对。计算全部在您的设备上完成，不向服务器提交任何数据。
      </p>
      <Space wrap size={[8, 8]} className="wj-pub-verify-actions">
        <Button type="primary" size="large" icon={<SafetyCertificateOutlined />} loading={running} onClick={() => run('server')}>
          {running ? '正在验证…' : '验证抽取'}
        </Button>
        <Button icon={<DownloadOutlined />} href={bundleUrl(plan.id)} download={fileName}>下载抽取数据包</Button>
        <Button icon={<DownloadOutlined />} href={candidatesUrl(plan.id)} download={candidatesFileName(plan.id)}>下载候选名单</Button>
        <Button icon={<FileSearchOutlined />} disabled={running} onClick={() => fileInput.current?.click()}>验证本地数据包</Button>
        <input
          ref={fileInput} type="file" accept=".json,application/json" hidden aria-label="选择本地数据包"
          onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) run('file', f); }}
        />
      </Space>

      {state.kind === 'running' && (
        <div className="wj-pub-verify-progress" role="status" aria-live="polite">
          {STAGES.map((s, i) => {
            const at = STAGES.findIndex((x) => x.key === state.stage);
            const icon = i < at ? <CheckCircleFilled className="wj-pub-ok" /> : i === at ? <LoadingOutlined /> : <span className="wj-pub-dot" />;
            return (
              <div key={s.key} className={`wj-pub-stage${i === at ? ' is-current' : ''}${i > at ? ' is-pending' : ''}`}>
                {icon}<span>{s.label}</span>
                {s.key === 'download' && state.loaded > 0 && <span className="wj-pub-sub">（{mb(state.loaded)}）</span>}
              </div>
            );
          })}
          <Progress percent={[30, 45, 80][STAGES.findIndex((x) => x.key === state.stage)]} status="active" showInfo={false} size="small" />
        </div>
      )}

      {state.kind === 'done' && (state.outcome.ok ? (
        <Alert
          className="wj-pub-verify-result" type="success" showIcon icon={<CheckCircleFilled />} role="status"
          title={`验证通过：按公开协议重新计算，抽取结果与公示一致（共 ${state.outcome.targets} 个检查对象）`}
          description={
            <ul className="wj-pub-list">
              <li>秘密种子与抽取前公布的承诺值相符；抽查计划、候选对象名单（{fmtCount(state.outcome.candidates)} 户）和执法人员名单的哈希值与抽取前公布的一致。</li>
              <li>以公开随机值“{state.outcome.publicValue}”重新抽取的 {state.outcome.targets} 个检查对象及其执法人员与数据包中的结果逐一相同
                {state.outcome.unstaffed > 0 ? `；其中 ${state.outcome.unstaffed} 个对象抽取时按规则无可派执法人员，列为待派员（其后补充派员情况见状态变更公示）` : ''}。</li>
              <li>{state.source === 'file' ? '所选本地数据包' : '数据包'}核对用时 {(state.outcome.ms / 1000).toFixed(2)} 秒。</li>
            </ul>
          }
        />
      ) : (
        <Alert
          className="wj-pub-verify-result" type="error" showIcon icon={<CloseCircleFilled />} role="alert"
          title={state.source === 'file' ? '验证未通过（所选本地数据包）' : '验证未通过'} description={state.outcome.message}
        />
      ))}

      <div className="wj-pub-verify-grid">
        <div>
          <h3 className="wj-pub-h3">为什么说抽取是公平的</h3>
          <ol className="wj-pub-list wj-pub-ol">
            <li><b>先承诺、后抽取。</b>抽取前已公布候选名单、执法人员名单和抽取规则的哈希值，以及秘密种子的承诺值。此后更换名单或种子，验证都会失败。</li>
            <li><b>随机值事先无法预知。</b>抽取时引入当日公开的随机值（如福利彩票开奖号码），公布承诺值时任何人都无法预知，机构无法事先挑选结果。</li>
            <li><b>人人可以复核。</b>抽取后公布秘密种子和完整数据包，任何人都可按公开协议重新计算，得到的检查对象和执法人员必须与公示完全一致。</li>
          </ol>
        </div>
        <div>
          <h3 className="wj-pub-h3">离线验证</h3>
          <ol className="wj-pub-list wj-pub-ol">
            <li>下载抽取数据包（{fileName}）。</li>
            <li>在安装了 Node.js（20 及以上版本）的电脑上，于数据包所在目录执行：</li>
          </ol>
          <Typography.Paragraph className="wj-pub-command" copyable={{ text: command, tooltips: ['复制命令', '已复制'] }}>
            <code>{command}</code>
          </Typography.Paragraph>
          <p className="wj-pub-note">命令中的承诺值和候选名单哈希取自本页公示；程序输出 verified 即验证通过，否则会指出第一处不一致。协议详见<Link to="/public/about">验证说明</Link>。</p>
        </div>
      </div>
    </Section>
  );
}
