/** 验证说明: the verifiable draw protocol (weijian-draw/2) in plain Chinese — timeline, what is published when, how to verify. */
import { Steps, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { PageHeading, Section, useIsMobile, usePageTitle } from './components';

const TIMELINE = [
  {
    title: '制定计划',
    content: '确定抽查事项、检查对象类别、分层及各层抽取数量，以及派员与回避规则、抽取权重。',
  },
  {
    title: '发布计划（抽取前）',
    content: '冻结候选对象名单和执法人员名单（含利害关系回避记录、上次检查人员记录），由系统生成 256 位秘密种子。'
      + '公示：计划内容、候选名单（可下载）、计划哈希、候选名单哈希、执法人员名单哈希和种子承诺值。秘密种子此时不公开。',
  },
  {
    title: '公开抽取',
    content: '录入抽取当日公开、事先无法预知的随机值（如福利彩票开奖号码），与秘密种子共同生成随机数，抽取检查对象并选派执法人员。'
      + '公示：抽取时间、公开随机值、抽取结果和完整数据包（含秘密种子）。',
  },
  {
    title: '实施检查与结果公示',
    content: '检查结果自检查完成之日起 20 个工作日内公示；抽取后检查任务的每一次状态变更（如“无法检查：已关闭”）及其原因同步公示。',
  },
];

const BUNDLE_FIELDS: [string, string][] = [
  ['protocol', '协议版本，固定为 weijian-draw/2'],
  ['frozen', '抽取前公布的冻结数据（即“下载候选名单”的内容）：plan 抽查计划、weights 权重表、candidates 候选对象名单、inspectors / conflicts / lastPairs 执法人员名单、利害关系回避记录、上次检查人员记录'],
  ['frozen.candidates', '候选对象名单，按列存放：id、name、creditCode 每个对象一行；place、kind、risk 为各对象在 places（区划、乡镇、管辖机构）、kinds（专业类别、专业）、risks（风险等级、信用等级、重点监管、投诉件数）字典中的序号（候选名单哈希覆盖此项）'],
  ['published', '抽取前公布的三项哈希值和承诺值'],
  ['secret', '秘密种子（抽取后公开，其 SHA-256 值须等于承诺值）'],
  ['publicValue', '公开随机值'],
  ['drawnAt', '抽取时间（仅供参考，不参与计算）'],
  ['result', '抽取结果：各层级按抽中顺序排列的检查对象及选派的执法人员；无法派员的对象附原因及各规则排除的人数'],
];

export default function AboutPage() {
  usePageTitle('验证说明');
  const mobile = useIsMobile();
  return (
    <>
      <PageHeading title="验证说明">
        本平台的双随机抽取采用公开可验证的随机抽取协议（weijian-draw/2）：抽取前先公布“承诺”，抽取时引入事先无法预知的公开随机值，抽取后公开全部数据。任何单位和个人都可以按协议重新计算，核对检查对象和执法人员是否确由随机抽取产生、是否与公示一致。
      </PageHeading>

      <Section title="一、抽取流程与公示时间">
        <Steps orientation="vertical" current={-1} className="wj-pub-timeline" items={TIMELINE.map((t, i) => ({ ...t, status: 'finish', icon: <span className="wj-pub-step-no">{i + 1}</span> }))} />
      </Section>

      <Section title="二、为什么结果无法被操纵">
        <ol className="wj-pub-list wj-pub-ol">
          <li><b>名单事先冻结。</b>候选名单、执法人员名单和规则在抽取前公布其 SHA-256 哈希值。哈希值如同数据的“指纹”，数据改动一个字，哈希值就完全不同，事后无法偷换名单。</li>
          <li><b>种子事先承诺。</b>秘密种子在抽取前只公布其 SHA-256 值（承诺值），抽取后才公开种子本身。由于无法找到另一个哈希值相同的种子，机构不能在抽取后更换种子。</li>
          <li><b>随机值事先无法预知。</b>抽取所用随机数由秘密种子、公开随机值和三项哈希值共同计算得出。公布承诺值时，没有人知道当天的公开随机值，因此机构无法通过选择种子来挑选结果；公众也无法仅凭公开随机值提前推算结果。</li>
          <li><b>计算过程确定、公开。</b>同样的输入必然得到同样的结果。抽取后公开全部输入，任何人重新计算都应得到完全相同的检查对象和执法人员。</li>
        </ol>
      </Section>

      <Section title="三、抽取方法">
        <ol className="wj-pub-list wj-pub-ol">
          <li><b>生成随机数。</b>抽取种子 = SHA-256（协议版本、秘密种子、公开随机值、计划哈希、候选名单哈希、执法人员名单哈希）。以抽取种子为密钥，用 ChaCha20 算法（RFC 8439）生成确定的随机数序列；取随机整数采用拒绝采样，不存在取模偏差。</li>
          <li><b>抽取检查对象。</b>各层级分别独立抽取，候选对象按编号排序后按权重不放回抽取：权重越高的对象被抽中的可能性越大，但每个对象都有机会被抽中。按比例抽取的层级，抽取数量向上取整。</li>
          <li><b>选派执法人员。</b>按抽中顺序，逐一为每个检查对象从符合条件的执法人员中随机选派规定人数。符合条件是指：属于承办机构、专业对口、执法证在有效期内、与该对象无利害关系，并满足计划设定的同乡镇回避、上次检查人员回避和工作量上限。</li>
          <li><b>无法派员的处理。</b>符合条件的执法人员不足时，该对象列为“待派员”，数据包中记录原因及各项规则排除的人数，由组织实施机构依规补充派员，补充派员情况在状态变更中公示。</li>
        </ol>
      </Section>

      <Section title="四、如何验证">
        <h3 className="wj-pub-h3">在线验证（推荐）</h3>
        <p className="wj-pub-note">
          打开任一已抽取的计划详情页（见<Link to="/public/draws">抽取结果</Link>），点击“验证抽取”。浏览器将下载数据包并在本机重新计算，依次核对：
        </p>
        <ol className="wj-pub-list wj-pub-ol">
          <li>秘密种子的 SHA-256 值等于抽取前公布的承诺值；</li>
          <li>数据包中计划、候选名单、执法人员名单的哈希值等于抽取前公布的值；</li>
          <li>重新计算得到的检查对象、抽中顺序和执法人员与数据包中的结果完全相同；</li>
          <li>数据包中的公开随机值与页面公示的一致。</li>
        </ol>
        <p className="wj-pub-note">任何一项不符，页面将以红色提示指出第一处不一致的内容。</p>
        <h3 className="wj-pub-h3">离线验证</h3>
        <p className="wj-pub-note">下载数据包后，在安装了 Node.js（20 及以上版本）的电脑上执行以下命令，将承诺值和候选名单哈希替换为计划详情页公示的数值：</p>
        <Typography.Paragraph className="wj-pub-command" copyable={{ text: 'npx weijian draw verify draw-计划编号.json --commitment 承诺值 --candidates-hash 候选名单哈希', tooltips: ['复制命令', '已复制'] }}>
          <code>npx weijian draw verify draw-计划编号.json --commitment 承诺值 --candidates-hash 候选名单哈希</code>
        </Typography.Paragraph>
        <p className="wj-pub-note">程序输出 verified 表示验证通过，否则指出第一处不一致。验证程序不连接任何服务器，只读取数据包本身。</p>
        <h3 className="wj-pub-h3">自行编写程序验证</h3>
        <p className="wj-pub-note">
          协议全部公开，使用标准算法（SHA-256、ChaCha20），可用任何编程语言独立实现。协议规范全文见平台源代码中的 <span className="wj-pub-mono">docs/draw-protocol.md</span>，参考实现见 <span className="wj-pub-mono">lib/draw</span>。
        </p>
      </Section>

      <Section title="五、数据包内容">
        {mobile ? (
          <dl className="wj-pub-dl">
            {BUNDLE_FIELDS.map(([k, v]) => <div key={k}><dt className="wj-pub-mono">{k}</dt><dd>{v}</dd></div>)}
          </dl>
        ) : (
          <Table
            size="small" pagination={false} rowKey="0" className="wj-pub-table" dataSource={BUNDLE_FIELDS}
            columns={[
              { title: '字段', key: 'k', width: 260, render: (_: unknown, r: [string, string]) => <span className="wj-pub-mono">{r[0]}</span> },
              { title: '说明', key: 'v', render: (_: unknown, r: [string, string]) => r[1] },
            ]}
          />
        )}
      </Section>
    </>
  );
}
