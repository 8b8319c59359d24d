/**
 * 文书验真 (扫码验真): the QR code on every issued document points here (/public/documents/:code). Shows the
 * agency, the type, the number, the date and the file's SHA-256 — no personal data — and lets the holder
 * check a received .docx against the recorded hash in the browser (the file never leaves the phone).
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Input, Result, Skeleton, Typography, Upload } from 'antd';
import { FileSearchOutlined, SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { Field, PageHeading, Section, usePageTitle } from '../components';
import { HashValue } from '../antd-parts';
import { fmtDate } from '../format';
import { getJson, PublicError } from '../complaints/api';
import './documents.css';

interface Verification {
  code: string;
  agency: string;
  type: string;
  number: string;
  issuedOn: string;
  sha256: string;
  status: 'valid' | 'superseded';
  supersededBy: { number: string; issuedOn: string } | null;
}

async function sha256Hex(file: File): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function FileCheck({ expected }: { expected: string }) {
  const [result, setResult] = useState<{ name: string; match: boolean } | null>(null);
  return (
    <div className="wj-pub-doc-check">
      <Upload accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document" showUploadList={false}
        beforeUpload={async (file) => { setResult({ name: file.name, match: (await sha256Hex(file)) === expected }); return false; }}>
        <Button icon={<FileSearchOutlined />} size="large" block>核对我收到的电子文件（.docx）</Button>
      </Upload>
      {result && (
        <Alert style={{ marginTop: 12 }} showIcon type={result.match ? 'success' : 'error'} data-testid="file-check"
          title={result.match ? `“${result.name}”与签发的文件一致` : `“${result.name}”与签发的文件不一致`}
          description={result.match ? '文件的 SHA-256 哈希与签发时记录的相同，内容未被改动。' : '文件可能被修改过，或不是这份文书的电子件。请以签发机关的记录为准。'} />
      )}
      <div className="wj-pub-sub">文件只在本机计算哈希，不会上传。纸质文书请核对文号、签发机关和日期。</div>
    </div>
  );
}

export default function VerifyDocumentPage() {
  usePageTitle('文书验真');
  const { code = '' } = useParams();
  const navigate = useNavigate();
  const [input, setInput] = useState(code);
  useEffect(() => setInput(code), [code]);
  const q = useQuery({
    queryKey: ['public', 'document', code],
    queryFn: () => getJson<Verification>(`/api/public/documents/${encodeURIComponent(code)}`),
    enabled: code.length > 0,
    retry: false,
  });
  const v = q.data;
  return (
    <>
      <PageHeading title="执法文书验真">扫描文书上的二维码，或输入文书上印制的 10 位验真码（如 8K3QZ-7M2XH），核验文书是否由执法机关签发。</PageHeading>
      <Card variant="borderless" className="wj-pub-section">
        <form className="wj-pub-cp-query" onSubmit={(e) => { e.preventDefault(); if (input.trim()) navigate(`/public/documents/${encodeURIComponent(input.trim().toUpperCase())}`); }}>
          <Input size="large" value={input} onChange={(e) => setInput(e.target.value)} placeholder="验真码" aria-label="验真码" maxLength={16}
            allowClear autoCapitalize="characters" autoComplete="off" className="wj-pub-mono" />
          <Button type="primary" size="large" htmlType="submit" icon={<SearchOutlined />}>验真</Button>
        </form>
      </Card>
      {code && q.isPending && <Card variant="borderless" className="wj-pub-section"><Skeleton active paragraph={{ rows: 4 }} /></Card>}
      {q.isError && (
        <Alert type={q.error instanceof PublicError && q.error.status === 404 ? 'warning' : 'error'} showIcon className="wj-pub-alert"
          title={q.error instanceof PublicError && q.error.status === 404 ? '未通过验真' : '查询失败'} description={q.error.message} />
      )}
      {v && (
        <>
          <Result className="wj-pub-doc-result" status={v.status === 'valid' ? 'success' : 'warning'} icon={<SafetyCertificateOutlined />}
            title={<span data-testid="verify-status">{v.status === 'valid' ? '该文书由执法机关签发' : '该文书已被更正'}</span>}
            subTitle={v.status === 'valid'
              ? '以下信息与签发记录一致。请核对您手中文书的文号、签发机关和日期。'
              : `该文书已由 ${v.supersededBy?.number}（${fmtDate(v.supersededBy?.issuedOn)}）更正，请以更正后的文书为准。`} />
          <Section title="签发记录">
            <div className="wj-pub-facts">
              <Field label="签发机关">{v.agency}</Field>
              <Field label="文书名称">{v.type}</Field>
              <Field label="文号/编号"><span data-testid="verify-number">{v.number}</span></Field>
              <Field label="签发日期">{fmtDate(v.issuedOn)}</Field>
              <Field label="验真码"><span className="wj-pub-mono">{v.code}</span></Field>
              <Field label="文件哈希（SHA-256）"><HashValue value={v.sha256} label="哈希" /></Field>
            </div>
          </Section>
          <Section title="核对电子文件">
            <FileCheck expected={v.sha256} />
          </Section>
        </>
      )}
      {!code && (
        <Typography.Paragraph type="secondary" style={{ padding: '0 4px' }}>
          验真只显示签发机关、文书名称、文号、日期和文件哈希，不显示当事人或其他个人信息。
        </Typography.Paragraph>
      )}
    </>
  );
}
