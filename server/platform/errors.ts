import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';

export interface FieldError {
  field: string;
  label?: string;
  message: string;
}

/** An error meant for the user: status, stable code and a Chinese message. */
export class AppError extends Error {
  constructor(
    public statusCode: number,
    public code: string,
    message: string,
    public fields?: FieldError[],
    public extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const notFound = (what = '记录') => new AppError(404, 'not_found', `${what}不存在或您无权访问`);
export const forbidden = (message = '您没有执行此操作的权限') => new AppError(403, 'forbidden', message);
export const unauthorized = (message = '请先登录') => new AppError(401, 'unauthorized', message);
export const conflict = (message: string, extra?: Record<string, unknown>) =>
  new AppError(409, 'conflict', message, undefined, extra);
export const invalid = (fields: FieldError[], message = '提交的数据有误，请检查标注的字段') =>
  new AppError(400, 'validation', message, fields);

/** Labels for field names, filled by each domain so messages can name the field in Chinese. */
const fieldLabels = new Map<string, string>();
export function registerFieldLabels(labels: Record<string, string>): void {
  for (const [k, v] of Object.entries(labels)) if (!fieldLabels.has(k)) fieldLabels.set(k, v);
}

export function zodToFieldErrors(err: ZodError): FieldError[] {
  return err.issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    const key = String(issue.path.find((p) => typeof p === 'string') ?? field);
    const label = fieldLabels.get(key);
    return { field, label, message: issue.message };
  });
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    return reply.status(error.statusCode).send({
      error: error.code,
      message: error.message,
      ...(error.fields ? { fields: error.fields } : {}),
      ...(error.extra ?? {}),
    });
  }
  const validation = (error as { validation?: unknown }).validation;
  if (error instanceof ZodError || (validation && (error as { code?: string }).code === 'FST_ERR_VALIDATION')) {
    const zerr = error instanceof ZodError ? error : (error as unknown as { validation: unknown[] });
    const fields = error instanceof ZodError
      ? zodToFieldErrors(error)
      : (zerr as { validation: { instancePath?: string; message?: string; params?: { issue?: { path?: unknown[] } } }[] })
          .validation.map((v) => {
            const field = (v.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
            const key = field.split('.').find((p) => !/^\d+$/.test(p)) ?? field;
            return { field, label: fieldLabels.get(key), message: v.message ?? '格式不正确' };
          });
    return reply.status(400).send({ error: 'validation', message: '提交的数据有误，请检查标注的字段', fields });
  }
  if (error.statusCode === 429) {
    return reply.status(429).send({ error: 'rate_limited', message: '请求过于频繁，请稍后再试' });
  }
  if (error.statusCode && error.statusCode < 500) {
    return reply.status(error.statusCode).send({ error: error.code ?? 'bad_request', message: chineseClientError(error) });
  }
  request.log.error(error);
  if (process.env.VITEST) console.error(error);
  return reply.status(500).send({ error: 'internal', message: '服务器内部错误，请稍后重试或联系系统管理员' });
}

function chineseClientError(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': return '不支持的请求内容类型';
    case 'FST_ERR_CTP_BODY_TOO_LARGE': return '提交的内容过大';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY': return '请求内容不能为空';
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE': return '请以文件上传方式提交';
    default: return error.statusCode === 404 ? '请求的地址不存在' : '请求无效';
  }
}
