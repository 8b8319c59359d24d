import { useState } from 'react';
import { Alert, Button, Modal, Result, Space, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import type { UploadFile } from 'antd';
import { ApiError, api, download, type ImportRowError } from '../app/api';

interface ImportOk {
  ok: true;
  total: number;
  created: number;
  updated: number;
}

type Outcome =
  | { kind: 'ok'; result: ImportOk }
  | { kind: 'invalid'; message: string; errorCount: number; errors: ImportRowError[]; reportUrl: string }
  | { kind: 'failed'; message: string };

export interface ImportDialogProps {
  open: boolean;
  /** Register name: /api/<name>/import. */
  name: string;
  /** Chinese name of one record, e.g. 检查对象. */
  label: string;
  onClose: () => void;
  onImported?: (result: ImportOk) => void;
}

/**
 * Excel import: pick a .xlsx, upload, then either the counts or the per-row errors (行 / 列 / 原因)
 * with the downloadable error report. The server applies all rows or none.
 */
export function ImportDialog({ open, name, label, onClose, onImported }: ImportDialogProps) {
  const [file, setFile] = useState<File | null>(null);
  const [uploading, setUploading] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const reset = () => {
    setFile(null);
    setOutcome(null);
  };
  const close = () => {
    reset();
    onClose();
  };

  const start = async () => {
    if (!file) return;
    const form = new FormData();
    form.append('file', file, file.name);
    setUploading(true);
    try {
      const result = await api.upload<ImportOk>(`/api/${name}/import`, form);
      setOutcome({ kind: 'ok', result });
      onImported?.(result);
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) {
        const b = err.body as { errorCount?: number; errors?: ImportRowError[]; reportUrl?: string };
        setOutcome({ kind: 'invalid', message: err.message, errorCount: b.errorCount ?? b.errors?.length ?? 0, errors: b.errors ?? [], reportUrl: b.reportUrl ?? '' });
      } else {
        setOutcome({ kind: 'failed', message: err instanceof Error ? err.message : '导入失败' });
      }
    } finally {
      setUploading(false);
    }
  };

  const fileList: UploadFile[] = file ? [{ uid: 'import-file', name: file.name, status: 'done', size: file.size }] : [];

  const footer = outcome
    ? (
      <Space>
        <Button onClick={reset}>重新选择文件</Button>
        <Button type="primary" onClick={close}>完成</Button>
      </Space>
    )
    : (
      <Space>
        <Button onClick={close}>取消</Button>
        <Button type="primary" disabled={!file} loading={uploading} onClick={start}>开始导入</Button>
      </Space>
    );

  return (
    <Modal open={open} title={`导入${label}`} onCancel={close} footer={footer} width={760} destroyOnHidden mask={{ closable: false }}>
      {!outcome && (
        <>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title="请使用导入模板填写数据"
            description={(
              <span>
                导入为整体操作：任一行有误时全部不导入，并给出逐行错误报告。已登记的记录（按唯一编码匹配）将被更新。
                <Button type="link" size="small" icon={<DownloadOutlined />} onClick={() => download(`/api/${name}/template.xlsx`)}>下载模板</Button>
              </span>
            )}
          />
          <div data-testid="import-upload">
            <Upload.Dragger
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              multiple={false}
              maxCount={1}
              fileList={fileList}
              beforeUpload={(f) => {
                setFile(f);
                return false;
              }}
              onRemove={() => {
                setFile(null);
                return true;
              }}
            >
              <p className="ant-upload-drag-icon"><InboxOutlined /></p>
              <p className="ant-upload-text">点击或将 Excel 文件拖到此处</p>
              <p className="ant-upload-hint">仅支持 .xlsx 格式，单个文件不超过 50 MB</p>
            </Upload.Dragger>
          </div>
        </>
      )}

      {outcome?.kind === 'ok' && (
        <Result
          status="success"
          title="导入成功"
          subTitle={`共处理 ${outcome.result.total} 行：新增 ${outcome.result.created} 条，更新 ${outcome.result.updated} 条。`}
        />
      )}

      {outcome?.kind === 'failed' && <Alert type="error" showIcon role="alert" title="导入失败" description={outcome.message} />}

      {outcome?.kind === 'invalid' && (
        <div data-testid="import-result">
          <Alert
            type="error"
            showIcon
            role="alert"
            title={outcome.message}
            action={outcome.reportUrl ? <Button danger icon={<DownloadOutlined />} onClick={() => download(outcome.reportUrl)}>下载错误报告</Button> : undefined}
            style={{ marginBottom: 12 }}
          />
          {outcome.errorCount > outcome.errors.length && (
            <Typography.Paragraph type="secondary">
              共 {outcome.errorCount} 处错误，下表显示前 {outcome.errors.length} 处，完整列表见错误报告。
            </Typography.Paragraph>
          )}
          <Table<ImportRowError & { key: number }>
            data-testid="import-errors"
            aria-label="导入错误列表"
            size="small"
            bordered
            rowKey="key"
            dataSource={outcome.errors.map((e, i) => ({ ...e, key: i }))}
            pagination={{ pageSize: 8, showSizeChanger: false, showTotal: (t) => `共 ${t} 条` }}
            columns={[
              { title: '行号', dataIndex: 'row', width: 72, align: 'center' },
              { title: '列', dataIndex: 'column', width: 170 },
              { title: '原因', dataIndex: 'message' },
            ]}
          />
        </div>
      )}
    </Modal>
  );
}
