import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../../platform/access';
import { forbidden } from '../../platform/errors';
import { todoList, todoScopes } from './service';

const TodoQuery = z.object({
  scope: z.enum(['mine', 'team'], { error: '范围应为 mine（我的待办）或 team（本辖区在办）' }).default('mine'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** GET /api/todo: what waits for the user (mine), or for anyone in the jurisdiction (team, supervisors), by deadline. */
export async function todoRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get('/api/todo', {
    config: { access: { roles: 'any' } },
    schema: { tags: ['待办'], summary: '待办事项（按期限排序：检查任务、复查、投诉、线索、审批…）', querystring: TodoQuery },
  }, async (req) => {
    const actor = requireRole(req.actor, 'any');
    if (!todoScopes(actor).includes(req.query.scope)) throw forbidden('只有科室负责人、机构负责人和管理员可以查看本辖区在办事项');
    return todoList(app.db, actor, req.query);
  });
}
