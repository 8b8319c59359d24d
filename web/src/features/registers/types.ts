import type { ReactNode } from 'react';
import type { DescriptionsProps, FormInstance } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { z } from 'zod';
import type { Access } from '../../app/access';
import type { BaseRecord, Me } from '../../app/types';
import type { SearchField } from '../../components/SearchTable';
import type { Role } from '../../shared/schemas';

export interface RegisterContext {
  me: Me;
  hasRole: (roles: readonly Role[]) => boolean;
  canWrite: boolean;
  canRemove: boolean;
  /** Invalidate this register's cached lists and records. */
  refresh: () => void;
}

export interface RegisterFormConfig<T extends BaseRecord, V extends object> {
  schema: z.ZodType;
  labels: Record<string, string>;
  width?: number;
  /** Record (edit) or nothing (create) → initial form values. */
  toValues: (record?: T) => Partial<V>;
  /** Form values → API input (the version is added by the page on update). */
  toBody: (values: V) => Record<string, unknown>;
  render: (form: FormInstance<V>, ctx: RegisterContext & { record?: T }) => ReactNode;
}

export interface RegisterConfig<T extends BaseRecord = BaseRecord, V extends object = Record<string, unknown>> {
  /** API segment and route path: /api/<name>, /<name>. */
  name: string;
  /** Chinese name of one record, e.g. 检查对象. */
  label: string;
  /** Page title, e.g. 检查对象名录库. */
  title: string;
  subTitle?: string;
  access: Access;
  defaultSort?: string;
  recordTitle: (record: T) => string;
  searchFields: (ctx: RegisterContext) => SearchField[];
  columns: (ctx: RegisterContext) => ColumnsType<T>;
  form?: RegisterFormConfig<T, V>;
  detail: {
    items: (record: T, ctx: RegisterContext) => NonNullable<DescriptionsProps['items']>;
    /** Extra cards under the descriptions (licences, checklist items…). */
    sections?: (record: T, ctx: RegisterContext) => ReactNode;
  };
  /** Field labels for the change history (usually the server's labels). */
  historyLabels: Record<string, string>;
  formatHistoryValue?: (field: string, value: unknown) => ReactNode | undefined;
  /** Additional row actions (e.g. 重置密码 on users). */
  rowActions?: (record: T, ctx: RegisterContext) => ReactNode;
  importable?: boolean;
}

/** Erase the generic parameters for the route table. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRegisterConfig = RegisterConfig<any, any>;
