/**
 * 发布: freezes the candidate list and the inspector pool and publishes their hashes and the commitment.
 * Shows the preview first; when some candidates cannot be staffed the user must accept that they become 待派员.
 */
import { useState } from 'react';
import { Alert, Button, Checkbox, Modal, Skeleton, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from '../../app/api';
import { planKeys, type Plan, type Preview, type StaffingProblem } from './api';
import { PreviewStrata, PreviewSummary, StaffingProblems } from './PreviewPanel';

interface Props {
  plan: Plan;
  open: boolean;
  onClose: () => void;
  onPublished: (plan: Plan) => void;
  onError: (err: unknown) => void;
}

export function PublishDialog({ plan, open, onClose, onPublished, onError }: Props) {
  const preview = useQuery({
    queryKey: planKeys.preview(plan.id),
    queryFn: () => api.get<Preview>(`/api/plans/${plan.id}/preview`),
    enabled: open,
    staleTime: 0,
  });
  const [accept, setAccept] = useState(false);
  const [refused, setRefused] = useState<{ message: string; problems: StaffingProblem[]; count: number } | null>(null);
  const [busy, setBusy] = useState(false);

  const problemCount = refused?.count ?? preview.data?.staffingProblemCount ?? 0;
  const needsAccept = problemCount > 0;

  const submit = async () => {
    setBusy(true);
    try {
      const published = await api.post<Plan>(`/api/plans/${plan.id}/publish`, { version: plan.version, acceptUnstaffable: accept });
      onPublished(published);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && Array.isArray(err.body.staffingProblems)) {
        setRefused({
          message: err.message,
          problems: err.body.staffingProblems as StaffingProblem[],
          count: Number(err.body.staffingProblemCount ?? (err.body.staffingProblems as unknown[]).length),
        });
        setAccept(false);
      } else {
        onError(err);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title="发布抽查计划"
      width={820}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      centered
      styles={{ body: { maxHeight: 'calc(100vh - 180px)', overflowY: 'auto', paddingRight: 4 } }}
      footer={(
        <div className="wj-publish-footer">
          {needsAccept ? (
            <Checkbox checked={accept} onChange={(e) => setAccept(e.target.checked)} className="wj-accept">
              已知悉：无法派员的对象如被抽中将列为“待派员”，仍然发布
            </Checkbox>
          ) : <span />}
          <Space>
            <Button onClick={onClose}>取消</Button>
            <Button type="primary" loading={busy} disabled={preview.isPending || (needsAccept && !accept)} onClick={submit}>确认发布</Button>
          </Space>
        </div>
      )}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="发布后计划内容、候选名单和执法人员名单即被冻结"
        description="系统生成保密的随机种子，并公开计划、候选名单、执法人员名单的哈希值和种子的承诺值；抽取时结合届时录入的公开随机值计算结果，任何人都可在抽取后复核。发布后计划不能修改或删除。"
      />
      {preview.isPending ? <Skeleton active paragraph={{ rows: 6 }} /> : preview.isError ? (
        <Alert type="error" showIcon title="候选预览失败" description={preview.error.message} />
      ) : (
        <>
          <PreviewSummary preview={preview.data} />
          <PreviewStrata preview={preview.data} />
          <div style={{ marginTop: 12 }}>
            {refused ? (
              <>
                <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} title="未发布" description={refused.message} />
                <StaffingProblems compact preview={{ staffingProblems: refused.problems, staffingProblemCount: refused.count }} />
              </>
            ) : <StaffingProblems compact preview={preview.data} />}
          </div>
        </>
      )}
    </Modal>
  );
}
