import { Result } from 'antd';

/** Placeholder until the page is built. */
export default function LeadFormPage() {
  return <Result status="info" title="功能建设中" />;
}
