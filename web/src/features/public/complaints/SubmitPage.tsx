/**
 * 我要投诉: the citizen's complaint form, phone first. What happened, where (address, district/town and, if allowed,
 * the phone's position), which unit (from the register or typed), when, the category, photos, and a name and phone —
 * or anonymous. Answered with a tracking code only after the complaint is stored.
 *
 * Plain HTML controls (the phone's own pickers for the category, region and date) and no UI library, so the page is
 * usable within seconds on a slow mobile network. Photos are compressed on the device before upload (photos.ts).
 */
import { useId, useMemo, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Notice, PageHeading, Section, usePageTitle } from '../components';
import { getJson, PublicError, submitForm, submitJson, usePublicComplaintMeta } from './api';
import { preparePhoto, type PreparedPhoto } from './photos';
import { rememberCode } from './recent';
import './complaints.css';

interface Values {
  category: string;
  content: string;
  unitName: string;
  occurredOn: string;
  address: string;
  district: string;
  town: string;
  identity: 'named' | 'anonymous';
  name: string;
  phone: string;
}
type Errors = Partial<Record<keyof Values | 'photos' | 'regionCode', string>>;

const EMPTY: Values = { category: '', content: '', unitName: '', occurredOn: '', address: '', district: '', town: '', identity: 'named', name: '', phone: '' };
const newKey = () => (typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`);
const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
const kb = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/** A labelled form field with its hint and error, wired for screen readers. */
function FormField({ id, label, required, hint, error, children }: { id: string; label: string; required?: boolean; hint?: ReactNode; error?: string; children: ReactNode }) {
  return (
    <div className={`wj-pub-fi${error ? ' has-error' : ''}`} data-field={id}>
      <label htmlFor={id} className="wj-pub-fi-label">{label}{required && <span className="wj-pub-fi-req" aria-hidden="true">*</span>}</label>
      {children}
      {error ? <div className="wj-pub-fi-error" id={`${id}-error`}>{error}</div> : hint ? <div className="wj-pub-fi-hint" id={`${id}-hint`}>{hint}</div> : null}
    </div>
  );
}

export default function SubmitPage() {
  usePageTitle('我要投诉', '投诉举报');
  const uid = useId();
  const ids = (k: string) => `${uid}-${k}`;
  const meta = usePublicComplaintMeta();
  const [v, setV] = useState<Values>(EMPTY);
  const [errors, setErrors] = useState<Errors>({});
  const [key, setKey] = useState(newKey);
  const [entity, setEntity] = useState<{ id: string; name: string } | null>(null);
  const [unitFocus, setUnitFocus] = useState(false);
  const [point, setPoint] = useState<{ lat: number; lng: number } | null>(null);
  const [locating, setLocating] = useState(false);
  const [photos, setPhotos] = useState<PreparedPhoto[]>([]);
  const [preparing, setPreparing] = useState(0);
  const [alert, setAlert] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [code, setCode] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const maxPhotos = meta.data?.limits.photos ?? 6;
  const maxBytes = meta.data?.limits.photoBytes ?? 5 * 1024 * 1024;
  const maxChars = meta.data?.limits.contentChars ?? 2000;

  const set = <K extends keyof Values>(k: K, value: Values[K]) => {
    setV((old) => ({ ...old, [k]: value }));
    if (errors[k]) setErrors((e) => ({ ...e, [k]: undefined }));
  };

  const unitQuery = v.unitName.trim();
  const units = useQuery({
    queryKey: ['public', 'complaints', 'units', unitQuery],
    queryFn: () => getJson<{ items: { id: string; name: string; address: string }[] }>(`/api/public/complaints/units?q=${encodeURIComponent(unitQuery)}`),
    enabled: unitQuery.length >= 2 && !entity,
    staleTime: 60_000,
  });
  const towns = useMemo(() => meta.data?.districts.find((d) => d.code === v.district)?.towns ?? [], [meta.data, v.district]);

  const locate = () => {
    if (!navigator.geolocation) { setAlert('您的浏览器不支持定位，请填写详细地址'); return; }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (p) => { setPoint({ lat: Math.round(p.coords.latitude * 1e6) / 1e6, lng: Math.round(p.coords.longitude * 1e6) / 1e6 }); setLocating(false); },
      () => { setAlert('未能获取位置（可能未授权定位），请填写详细地址'); setLocating(false); },
      { enableHighAccuracy: true, timeout: 10_000 },
    );
  };

  const addPhotos = async (files: FileList | null) => {
    if (!files?.length) return;
    const room = maxPhotos - photos.length;
    const picked = [...files].slice(0, Math.max(0, room));
    if (files.length > room) setErrors((e) => ({ ...e, photos: `最多 ${maxPhotos} 张照片` }));
    setPreparing((n) => n + picked.length);
    for (const f of picked) {
      try {
        const p = await preparePhoto(f, maxBytes);
        if (p.file.size > maxBytes) setErrors((e) => ({ ...e, photos: `照片“${f.name}”压缩后仍超过 ${kb(maxBytes)}，请换一张` }));
        else setPhotos((list) => [...list, p]);
      } finally {
        setPreparing((n) => n - 1);
      }
    }
  };
  const removePhoto = (i: number) => setPhotos((list) => {
    URL.revokeObjectURL(list[i].preview);
    return list.filter((_, j) => j !== i);
  });

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setAlert(null);
    const anonymous = v.identity === 'anonymous';
    const regionCode = v.town || v.district || null;
    const body = {
      category: v.category || undefined, content: v.content, address: v.address, unitName: v.unitName.trim() || null, entityId: entity?.id ?? null,
      regionCode: entity ? null : regionCode, lat: point?.lat ?? null, lng: point?.lng ?? null, occurredOn: v.occurredOn || null,
      anonymous, name: anonymous ? null : v.name.trim() || null, phone: anonymous ? null : v.phone.trim() || null, submissionKey: key,
    };
    setSending(true);
    try {
      const { validateComplaint } = await import('./validate');
      const issues = validateComplaint(body);
      if (issues.length) {
        const next: Errors = {};
        for (const i of issues) next[(i.field === 'regionCode' ? 'district' : i.field) as keyof Errors] ??= i.message;
        setErrors(next);
        const first = issues[0].field === 'regionCode' ? 'district' : issues[0].field;
        document.querySelector(`[data-field="${ids(first)}"]`)?.scrollIntoView({ block: 'center' });
        return;
      }
      let res;
      if (photos.length) {
        const fd = new FormData();
        for (const [k, val] of Object.entries(body)) if (val !== null && val !== undefined && val !== '') fd.append(k, String(val));
        for (const p of photos) fd.append('photos', p.file, p.file.name);
        res = await submitForm(fd);
      } else res = await submitJson(body);
      rememberCode(res.data.trackingCode);
      setCode(res.data.trackingCode);
      window.scrollTo(0, 0);
    } catch (err) {
      if (err instanceof PublicError && err.fields.length) {
        setErrors(Object.fromEntries(err.fields.map((f) => [f.field === 'regionCode' ? 'district' : f.field, f.message])) as Errors);
        setAlert(err.fields.map((f) => `${f.label ? `${f.label}：` : ''}${f.message}`).join('；'));
      } else setAlert(err instanceof Error ? err.message : '提交失败，请稍后重试');
    } finally {
      setSending(false);
    }
  };

  const reset = () => {
    for (const p of photos) URL.revokeObjectURL(p.preview);
    setCode(null); setKey(newKey()); setEntity(null); setPoint(null); setPhotos([]); setV(EMPTY); setErrors({}); setCopied(false);
  };

  if (code) {
    return (
      <Section title="提交成功">
        <div className="wj-pub-cp-done" role="status">
          <svg viewBox="0 0 48 48" width="56" height="56" aria-hidden="true"><circle cx="24" cy="24" r="22" fill="#2e8b57" /><path d="M14 25l7 7 13-15" fill="none" stroke="#fff" strokeWidth="4" strokeLinecap="round" strokeLinejoin="round" /></svg>
          <h2 className="wj-pub-cp-done-title">您的投诉举报已收到</h2>
          <p className="wj-pub-note">请保存下面的查询码，凭查询码可随时查看办理进度和答复。</p>
          <div className="wj-pub-cp-code" data-testid="tracking-code">{code}</div>
          <button type="button" className="wj-pub-btn is-link" onClick={() => { void navigator.clipboard?.writeText(code).then(() => setCopied(true)); }}>
            {copied ? '已复制' : '复制查询码'}
          </button>
          <div className="wj-pub-cp-done-actions">
            <Link to={`/public/complaints/track?code=${encodeURIComponent(code)}`} className="wj-pub-btn is-primary is-large is-block">查询办理进度</Link>
            <button type="button" className="wj-pub-btn is-large is-block" onClick={reset}>再提交一件</button>
          </div>
          <p className="wj-pub-note wj-pub-cp-done-note">
            监督机构将在 15 日内决定是否受理并在查询页面告知；12320 热线转来的投诉按热线时限办理。本页面和查询页面不会显示您的姓名和电话。
          </p>
        </div>
      </Section>
    );
  }

  const suggestions = !entity && unitFocus && unitQuery.length >= 2 ? units.data?.items ?? [] : [];
  const inputClass = (k: keyof Errors) => `wj-pub-input${errors[k] ? ' is-invalid' : ''}`;
  const describe = (k: keyof Errors) => (errors[k] ? `${ids(k)}-error` : undefined);

  return (
    <>
      <PageHeading title="我要投诉举报">
        反映医疗机构、公共场所、生活饮用水、学校卫生、职业卫生、传染病防治、消毒产品等卫生健康领域的违法违规问题。
        紧急情况请拨打 120、110；咨询可拨打 12320 卫生健康热线。
      </PageHeading>
      {alert && <Notice type="error" title={alert} />}
      {meta.isError && <Notice type="warning" title="问题类别和区域暂未加载" action={<button type="button" className="wj-pub-btn is-small" onClick={() => meta.refetch()}>重试</button>}>请检查网络；您仍可填写，提交前会再次加载。</Notice>}
      <form className="wj-pub-cp-form" name="public-complaint" noValidate onSubmit={submit} data-ready={meta.isSuccess ? 'true' : undefined}>
        <Section title="反映的问题">
          <FormField id={ids('category')} label="问题类别" required error={errors.category}>
            <select id={ids('category')} className={inputClass('category')} value={v.category} onChange={(e) => set('category', e.target.value)} aria-invalid={!!errors.category} aria-describedby={describe('category')}>
              <option value="">{meta.isPending ? '正在加载…' : '请选择'}</option>
              {(meta.data?.categories ?? []).map((c) => <option key={c.code} value={c.code}>{c.label}</option>)}
            </select>
          </FormField>
          <FormField id={ids('content')} label="发生了什么" required error={errors.content} hint={`${v.content.length} / ${maxChars}`}>
            <textarea id={ids('content')} className={inputClass('content')} rows={5} maxLength={maxChars} value={v.content} onChange={(e) => set('content', e.target.value)}
              placeholder="请具体说明问题：谁、做了什么、持续多久、您看到的情况" aria-invalid={!!errors.content} aria-describedby={describe('content')} />
          </FormField>
          <FormField id={ids('unitName')} label="被投诉单位" error={errors.unitName} hint={entity ? '已从登记名录中选定' : '输入 2 个字以上可从登记名录中选择，也可直接填写'}>
            <div className="wj-pub-combo">
              <input id={ids('unitName')} className={inputClass('unitName')} value={v.unitName} maxLength={200} autoComplete="off" placeholder="单位名称（不清楚可不填）"
                role="combobox" aria-expanded={suggestions.length > 0} aria-controls={ids('units')} aria-autocomplete="list"
                onFocus={() => setUnitFocus(true)} onBlur={() => setTimeout(() => setUnitFocus(false), 150)}
                onChange={(e) => { set('unitName', e.target.value); setEntity(null); }} />
              {entity && <button type="button" className="wj-pub-btn is-link wj-pub-combo-clear" onClick={() => { setEntity(null); set('unitName', ''); }}>清除</button>}
              {suggestions.length > 0 && (
                <ul id={ids('units')} role="listbox" className="wj-pub-combo-list" aria-label="登记名录中的单位">
                  {suggestions.map((u) => (
                    <li key={u.id} role="option" aria-selected={false}>
                      <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={() => {
                        setEntity({ id: u.id, name: u.name });
                        setV((old) => ({ ...old, unitName: u.name, address: old.address || u.address }));
                        setUnitFocus(false);
                      }}>
                        <span>{u.name}</span><small>{u.address}</small>
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </FormField>
          <FormField id={ids('occurredOn')} label="发生时间" error={errors.occurredOn} hint="选填">
            <input id={ids('occurredOn')} type="date" className={inputClass('occurredOn')} max={today()} value={v.occurredOn} onChange={(e) => set('occurredOn', e.target.value)} />
          </FormField>
        </Section>

        <Section title="发生地点">
          <FormField id={ids('address')} label="详细地址" required error={errors.address}>
            <input id={ids('address')} className={inputClass('address')} maxLength={300} value={v.address} onChange={(e) => set('address', e.target.value)}
              placeholder="区、街道、路名门牌或明显标志" aria-invalid={!!errors.address} aria-describedby={describe('address')} />
          </FormField>
          <FormField id={ids('district')} label="所在区域" error={errors.district} hint={entity ? '已选择登记单位，由该单位所在地的监督机构办理' : '用于确定负责办理的监督机构；已选择登记单位的可不填'}>
            <div className="wj-pub-pair">
              <select id={ids('district')} className={inputClass('district')} value={v.district} disabled={!!entity} aria-label="区县"
                onChange={(e) => { setV((old) => ({ ...old, district: e.target.value, town: '' })); setErrors((x) => ({ ...x, district: undefined })); }}>
                <option value="">区县</option>
                {(meta.data?.districts ?? []).map((d) => <option key={d.code} value={d.code}>{d.name}</option>)}
              </select>
              <select className="wj-pub-input" value={v.town} disabled={!!entity || !v.district} aria-label="街道（乡镇）" onChange={(e) => set('town', e.target.value)}>
                <option value="">街道（乡镇）</option>
                {towns.map((t) => <option key={t.code} value={t.code}>{t.name}</option>)}
              </select>
            </div>
          </FormField>
          <div className="wj-pub-cp-locate">
            <button type="button" className="wj-pub-btn" onClick={locate} disabled={locating}>{locating ? '正在定位…' : '使用当前位置'}</button>
            {point && <span className="wj-pub-sub">已定位：{point.lat}, {point.lng} <button type="button" className="wj-pub-btn is-link" onClick={() => setPoint(null)}>清除</button></span>}
          </div>
        </Section>

        <Section title="照片（选填）">
          <div className={`wj-pub-fi${errors.photos ? ' has-error' : ''}`}>
            <div className="wj-pub-photos">
              {photos.map((p, i) => (
                <figure key={p.preview} className="wj-pub-photo">
                  <img src={p.preview} alt={`照片 ${i + 1}`} />
                  <figcaption>{p.compressed ? `${kb(p.originalSize)} → ${kb(p.file.size)}` : kb(p.file.size)}</figcaption>
                  <button type="button" className="wj-pub-photo-remove" aria-label={`删除照片 ${i + 1}`} onClick={() => removePhoto(i)}>×</button>
                </figure>
              ))}
              {photos.length + preparing < maxPhotos && (
                <label className="wj-pub-photo-add">
                  <input type="file" accept="image/*" multiple onChange={(e) => { void addPhotos(e.target.files); e.target.value = ''; }} aria-label="添加照片" data-testid="photo-input" />
                  <svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true"><path fill="currentColor" d="M9 3 7.2 5H4a2 2 0 0 0-2 2v11a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2h-3.2L15 3H9zm3 5a5 5 0 1 1 0 10 5 5 0 0 1 0-10zm0 2a3 3 0 1 0 0 6 3 3 0 0 0 0-6z" /></svg>
                  <span>添加照片</span>
                </label>
              )}
              {preparing > 0 && <div className="wj-pub-photo-busy" role="status">正在压缩照片…</div>}
            </div>
            {errors.photos ? <div className="wj-pub-fi-error">{errors.photos}</div> : (
              <div className="wj-pub-fi-hint">最多 {maxPhotos} 张；照片在手机上压缩后再上传，节省流量，并去除照片中的位置等附加信息。</div>
            )}
          </div>
        </Section>

        <Section title="投诉人信息">
          <div className="wj-pub-segmented" role="radiogroup" aria-label="投诉方式">
            {(['named', 'anonymous'] as const).map((k) => (
              <label key={k} className={v.identity === k ? 'is-checked' : undefined}>
                <input type="radio" name={ids('identity')} value={k} checked={v.identity === k} onChange={() => set('identity', k)} />
                {k === 'named' ? '实名投诉' : '匿名投诉'}
              </label>
            ))}
          </div>
          {v.identity === 'anonymous' ? (
            <Notice type="info" title="匿名投诉同样受理。">由于无法联系您核实和回访，请尽量把问题写具体，并保存好查询码。</Notice>
          ) : (
            <>
              <FormField id={ids('name')} label="姓名" required error={errors.name}>
                <input id={ids('name')} className={inputClass('name')} maxLength={32} autoComplete="name" value={v.name} onChange={(e) => set('name', e.target.value)} aria-invalid={!!errors.name} aria-describedby={describe('name')} />
              </FormField>
              <FormField id={ids('phone')} label="联系电话" required error={errors.phone}>
                <input id={ids('phone')} className={inputClass('phone')} maxLength={20} inputMode="tel" autoComplete="tel" placeholder="手机号码或 区号-号码" value={v.phone}
                  onChange={(e) => set('phone', e.target.value)} aria-invalid={!!errors.phone} aria-describedby={describe('phone')} />
              </FormField>
              <p className="wj-pub-note">您的姓名和电话只有负责办理的工作人员可以查看，每次查看都有记录；不会公开，也不会告知被投诉单位。</p>
            </>
          )}
        </Section>

        <div className="wj-pub-cp-submit">
          <button type="submit" className="wj-pub-btn is-primary is-large is-block" disabled={sending || preparing > 0}>{sending ? '正在提交…' : '提交'}</button>
          <Link to="/public/complaints/track" className="wj-pub-cp-track-link">已提交过？查询办理进度</Link>
        </div>
      </form>
    </>
  );
}
