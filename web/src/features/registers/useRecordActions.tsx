import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { App } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../app/api';
import { useAuth } from '../../app/auth';
import type { BaseRecord } from '../../app/types';
import { ModalForm } from '../../components/ModalForm';
import { ReasonDialog } from '../../components/ReasonDialog';
import type { AnyRegisterConfig, RegisterContext } from './types';

export function useRegisterContext(config: AnyRegisterConfig): RegisterContext {
  const { me, hasRole } = useAuth();
  const qc = useQueryClient();
  return useMemo(() => ({
    me: me!,
    hasRole,
    canWrite: hasRole(config.access.write),
    canRemove: hasRole(config.access.remove),
    refresh: () => {
      void qc.invalidateQueries({ queryKey: [config.name] });
    },
  }), [me, hasRole, config, qc]);
}

type Editing = { mode: 'create' } | { mode: 'edit'; record: BaseRecord };
type Removing = { mode: 'delete' | 'restore'; record: BaseRecord };

/**
 * Create / edit (drawer form) and delete / restore (reason dialog) for one register, shared by the
 * list and the detail page. Render `dialogs` once in the page.
 */
export function useRecordActions(config: AnyRegisterConfig, ctx: RegisterContext, onSaved?: (record: BaseRecord, created: boolean) => void) {
  const [editing, setEditing] = useState<Editing | null>(null);
  const [removing, setRemoving] = useState<Removing | null>(null);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const base = `/api/${config.name}`;

  const openCreate = useCallback(() => setEditing({ mode: 'create' }), []);
  const openEdit = useCallback((record: BaseRecord) => setEditing({ mode: 'edit', record }), []);
  const askDelete = useCallback((record: BaseRecord) => setRemoving({ mode: 'delete', record }), []);
  const askRestore = useCallback((record: BaseRecord) => setRemoving({ mode: 'restore', record }), []);

  const form = config.form;
  const record = editing?.mode === 'edit' ? editing.record : undefined;

  const dialogs: ReactNode = (
    <>
      {form && (
        <ModalForm<Record<string, unknown>, BaseRecord>
          key={editing ? `${editing.mode}-${record?.id ?? 'new'}-${record?.version ?? 0}` : 'closed'}
          open={!!editing}
          title={editing?.mode === 'edit' ? `编辑${config.label}` : `新增${config.label}`}
          width={form.width}
          schema={form.schema}
          labels={form.labels}
          initialValues={editing ? { ...form.toValues(record), ...(record ? { version: record.version } : {}) } : undefined}
          toBody={(values) => ({ ...form.toBody(values), ...(record ? { version: values.version } : {}) })}
          onSubmit={(body) => (record ? api.put<BaseRecord>(`${base}/${record.id}`, body) : api.post<BaseRecord>(base, body))}
          onSuccess={(saved) => {
            const created = editing?.mode === 'create';
            message.success(created ? `已新增${config.label}` : `已保存${config.label}`);
            setEditing(null);
            ctx.refresh();
            onSaved?.(saved, created);
          }}
          reload={record ? async () => {
            const fresh = await api.get<BaseRecord>(`${base}/${record.id}`);
            qc.setQueryData([config.name, 'detail', record.id], fresh);
            return { ...form.toValues(fresh), version: fresh.version };
          } : undefined}
          onClose={() => setEditing(null)}
        >
          {(f) => form.render(f, { ...ctx, record })}
        </ModalForm>
      )}
      <ReasonDialog
        key={removing ? `${removing.mode}-${removing.record.id}` : 'closed'}
        open={!!removing}
        title={removing?.mode === 'restore' ? `恢复${config.label}` : `删除${config.label}`}
        label={removing?.mode === 'restore' ? '恢复原因' : '删除原因'}
        okText={removing?.mode === 'restore' ? '确认恢复' : '确认删除'}
        description={removing && (
          removing.mode === 'restore'
            ? <>将恢复“{config.recordTitle(removing.record)}”为正常状态。</>
            : <>将删除“{config.recordTitle(removing.record)}”。删除为记录状态变更，不会物理删除，可由有权限的人员恢复。</>
        )}
        onSubmit={async (reason) => {
          if (!removing) return;
          const { mode, record: r } = removing;
          try {
            return mode === 'restore'
              ? await api.post(`${base}/${r.id}/restore`, { version: r.version, reason })
              : await api.del(`${base}/${r.id}`, { version: r.version, reason });
          } catch (err) {
            if (err instanceof ApiError && err.status === 409) {
              // Load the latest version so that a second click applies to it.
              const fresh = await api.get<BaseRecord>(`${base}/${r.id}`).catch(() => null);
              ctx.refresh();
              if (fresh) setRemoving({ mode, record: fresh });
              throw new Error(`${err.message} 已载入最新版本，请确认后再次提交。`);
            }
            throw err;
          }
        }}
        onSuccess={() => {
          message.success(removing?.mode === 'restore' ? '已恢复' : '已删除');
          setRemoving(null);
          ctx.refresh();
        }}
        onClose={() => setRemoving(null)}
      />
    </>
  );

  return { openCreate, openEdit, askDelete, askRestore, dialogs };
}
