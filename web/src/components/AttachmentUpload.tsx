import { Button, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { api } from '../app/api';

/**
 * A form control of attachments: each file is uploaded to /api/files as soon as it is chosen (with the session
 * cookie and the CSRF header, like every other request); the form then refers to the stored files by their ids.
 */
export function AttachmentUpload<T extends { id: string }>({ value, onChange, label = '上传附件' }: {
  value?: UploadFile<T>[]; onChange?: (v: UploadFile<T>[]) => void; label?: string;
}) {
  return (
    <Upload<T>
      multiple
      maxCount={20}
      fileList={value ?? []}
      onChange={({ fileList }) => onChange?.(fileList)}
      customRequest={async ({ file, onSuccess, onError }) => {
        const body = new FormData();
        body.append('file', file as File, (file as File).name);
        try { onSuccess?.(await api.upload<T>('/api/files', body)); } catch (err) { onError?.(err as Error); }
      }}
    >
      <Button icon={<UploadOutlined />}>{label}</Button>
    </Upload>
  );
}
