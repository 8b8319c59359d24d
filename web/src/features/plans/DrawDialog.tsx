/** 抽取: the operator enters a public random value that nobody could know when the plan was published. */
import { Alert, Form, Input, Typography } from 'antd';
import { z } from 'zod';
import { api } from '../../app/api';
import { ModalForm } from '../../components/ModalForm';
import type { Plan } from './api';

export interface DrawResult {
  plan: Plan;
  targets: number;
  unstaffed: number;
}

const schema = z.object({
  publicValue: z.string({ error: '请填写公开随机值' }).trim().min(4, '公开随机值至少 4 个字符，请填写抽取当日的公开开奖号码等').max(200, '公开随机值过长'),
  version: z.number(),
});

interface Props {
  plan: Plan;
  open: boolean;
  onClose: () => void;
  onDrawn: (result: DrawResult) => void;
  reload: () => Promise<Plan>;
}

export function DrawDialog({ plan, open, onClose, onDrawn, reload }: Props) {
  return (
    <ModalForm<{ publicValue: string; version: number }, DrawResult>
      open={open}
      variant="modal"
      width={640}
      name="draw"
      title="抽取检查对象和执法人员"
      okText="开始抽取"
      schema={schema}
      labels={{ publicValue: '公开随机值' }}
      initialValues={{ publicValue: '', version: plan.version }}
      toBody={(v) => ({ publicValue: (v.publicValue ?? '').trim(), version: v.version })}
      onSubmit={(body) => api.post<DrawResult>(`/api/plans/${plan.id}/draw`, body)}
      onSuccess={onDrawn}
      onClose={onClose}
      reload={async () => {
        const fresh = await reload();
        return { version: fresh.version };
      }}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="什么是公开随机值"
        description={(
          <>
            <p className="wj-p">
              抽取结果由发布时锁定的保密种子、已冻结的候选名单和执法人员名单，以及此处录入的<b>公开随机值</b>共同决定。
              公开随机值应当是发布计划时任何人都无法预知、抽取后任何人都能查证的公开数据，例如：
            </p>
            <ul className="wj-ul">
              <li>抽取当日福利彩票（如“福彩3D”“快乐8”）或体育彩票（如“排列5”）的开奖号码；</li>
              <li>抽取当日某一证券指数的收盘点位（如上证指数收盘值）。</li>
            </ul>
            <p className="wj-p">请注明来源、日期和期号，原样录入。该值将与抽取结果一并公开，供公众复核。</p>
          </>
        )}
      />
      <Form.Item label="本计划的承诺值（发布时已公开）">
        <Typography.Text code className="wj-hash-full">{plan.published?.commitment ?? '—'}</Typography.Text>
      </Form.Item>
      <Form.Item name="publicValue" label="公开随机值" required extra="录入后不可更改；抽取完成即为每个被抽中的检查对象生成检查任务">
        <Input.TextArea rows={2} maxLength={200} showCount placeholder="例如：2026年11月23日 福彩3D 第2026316期 开奖号码 5 8 2" />
      </Form.Item>
    </ModalForm>
  );
}
