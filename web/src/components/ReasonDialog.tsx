import { Form, Input, Typography } from 'antd';
import { z } from 'zod';
import { ModalForm } from './ModalForm';

export interface ReasonDialogProps {
  open: boolean;
  title: string;
  /** Label of the reason field, e.g. 删除原因. */
  label: string;
  description?: React.ReactNode;
  okText?: string;
  onSubmit: (reason: string) => Promise<unknown>;
  onClose: () => void;
  onSuccess?: () => void;
}

/** Asks for the reason of a recorded status change (delete / restore); the reason joins the audit trail. */
export function ReasonDialog({ open, title, label, description, okText = '确定', onSubmit, onClose, onSuccess }: ReasonDialogProps) {
  const schema = z.object({ reason: z.string({ error: `请填写${label}` }).trim().min(2, `请填写${label}（至少 2 个字）`).max(500, `${label}不能超过 500 个字`) });
  return (
    <ModalForm<{ reason: string }>
      open={open}
      variant="modal"
      name="reason"
      title={title}
      okText={okText}
      schema={schema}
      onSubmit={(body) => onSubmit((body as { reason: string }).reason.trim())}
      onSuccess={onSuccess}
      onClose={onClose}
    >
      {description && <Typography.Paragraph>{description}</Typography.Paragraph>}
      <Form.Item name="reason" label={label} required>
        <Input.TextArea rows={3} maxLength={500} showCount placeholder={`请填写${label}，将记入变更历史`} />
      </Form.Item>
    </ModalForm>
  );
}
